import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import type { WechatStaffSessionResponse } from '@baoxiu/shared';
import { login } from '../../../api/auth';
import { asApiError } from '../../../api/errors';
import { bindWechat, wechatStaffSignIn } from '../../../api/wechat';
import { LangSwitch } from '../../../components/LangSwitch';
import { t, useLang } from '../../../i18n';
import { routes } from '../../../lib/routes';
import { lastTenant, rememberTenant, saveSession } from '../../../lib/session';
import { useTitle } from '../../../lib/use-title';
import { wechatLoginCode } from '../../../lib/wechat';
import { inviteFromScan } from './invite';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * Engineer sign-in. WeChat first: Taro.login → POST /api/auth/wechat (in H5, the documented dev sign-in
 * against the local stand-in). An invite link or scanned invite QR binds this WeChat to the account.
 * Password sign-in stays, for the console and for H5 without WeChat.
 */
export function LoginPage() {
  useLang();
  useTitle('signInTitle');
  const params = useRouter().params;
  // ?invite= from the link (H5), or WeChat's link rule handing the scanned invite URL over as `q`.
  const [invite, setInvite] = useState(params.invite ?? (params.q ? inviteFromScan(decodeURIComponent(params.q)) : null) ?? '');
  const [tenant, setTenant] = useState(lastTenant);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const enter = (session: { token: string; user: WechatStaffSessionResponse['user']; tenant: string }) => {
    saveSession(session);
    rememberTenant(session.tenant);
    // Dispatchers and admins signing in on the phone get the phone dispatcher, engineers their jobs.
    void Taro.redirectTo({ url: session.user.role === 'engineer' ? routes.jobs : routes.dispatcher });
  };

  const attempt = async (run: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await run();
    } catch (caught) {
      const e = asApiError(caught);
      setError(isH5 && e.code === 'NOT_FOUND' ? t('wechatH5Unavailable') : e.message);
    } finally {
      setBusy(false);
    }
  };

  const wechat = () =>
    attempt(async () => {
      const code = await wechatLoginCode();
      enter(invite ? await bindWechat(code, invite) : await wechatStaffSignIn(code));
    });

  const scanInvite = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
      const found = inviteFromScan(res.result);
      if (found) setInvite(found);
      else void Taro.showToast({ title: t('inviteScanFailed'), icon: 'none' });
    } catch {
      // the scanner was closed
    }
  };

  // Checked before any request: a missing field names itself instead of surfacing as a network failure.
  const missing = !tenant.trim() ? t('needTenant') : !username.trim() ? t('needUsername') : !password ? t('needPassword') : '';
  const submit = () =>
    missing
      ? setError(missing)
      : attempt(async () => {
          const res = await login({ tenant: tenant.trim(), username: username.trim(), password });
          enter({ token: res.token, user: res.user, tenant: tenant.trim() });
        });

  return (
    <View className="page login">
      <View className="row">
        <View />
        <LangSwitch />
      </View>
      <CellGroup title={invite ? t('bindTitle') : t('signInTitle')}>
        {invite ? (
          <Cell>
            <Text id="bind-hint" className="muted">
              {t('bindHint')}
            </Text>
          </Cell>
        ) : null}
        <Cell>
          <Button id={invite ? 'wechat-bind' : 'wechat-sign-in'} type="success" block loading={busy} onClick={() => void wechat()}>
            {invite ? t('bindSubmit') : isH5 ? t('wechatSignInDev') : t('wechatSignIn')}
          </Button>
        </Cell>
        {!isH5 && !invite ? (
          <Cell>
            <Button id="scan-invite" block fill="outline" onClick={() => void scanInvite()}>
              {t('scanInvite')}
            </Button>
          </Cell>
        ) : null}
      </CellGroup>
      <CellGroup title={t('orPassword')}>
        {/* nativeProps reach the H5 <input>: a screen reader names the field, not NutUI's "请输入内容". */}
        <Cell title={t('tenant')}>
          <Input
            id="login-tenant"
            value={tenant}
            onChange={setTenant}
            placeholder={t('tenantPlaceholder')}
            maxLength={64}
            nativeProps={{ 'aria-label': t('tenant') }}
          />
        </Cell>
        <Cell title={t('username')}>
          <Input
            id="login-username"
            value={username}
            onChange={setUsername}
            placeholder={t('usernamePlaceholder')}
            maxLength={64}
            nativeProps={{ 'aria-label': t('username'), autoComplete: 'username' }}
          />
        </Cell>
        <Cell title={t('password')}>
          <Input
            id="login-password"
            type="password"
            value={password}
            onChange={setPassword}
            placeholder={t('passwordPlaceholder')}
            maxLength={200}
            nativeProps={{ 'aria-label': t('password'), autoComplete: 'current-password' }}
          />
        </Cell>
        {error ? (
          <Cell>
            <Text className="form-error" id="login-error">
              {error}
            </Text>
          </Cell>
        ) : null}
      </CellGroup>
      <View className="actions">
        <Button id="login-submit" type="primary" block loading={busy} onClick={() => void submit()}>
          {t('signIn')}
        </Button>
      </View>
    </View>
  );
}

export default LoginPage;
