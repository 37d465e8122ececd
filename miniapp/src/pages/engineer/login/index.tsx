import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { login } from '../../../api/auth';
import { asApiError } from '../../../api/errors';
import { LangSwitch } from '../../../components/LangSwitch';
import { t, useLang } from '../../../i18n';
import { routes } from '../../../lib/routes';
import { lastTenant, rememberTenant, saveSession } from '../../../lib/session';
import { useTitle } from '../../../lib/use-title';

/** Password sign-in: works in the mini-program and in H5, where Taro.login does not exist. */
export function LoginPage() {
  useLang();
  useTitle('signInTitle');
  const [tenant, setTenant] = useState(lastTenant);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    if (!tenant.trim() || !username.trim() || !password) return setError(t('fillAll'));
    setBusy(true);
    setError('');
    try {
      const res = await login({ tenant: tenant.trim(), username: username.trim(), password });
      saveSession({ token: res.token, user: res.user, tenant: tenant.trim() });
      rememberTenant(tenant.trim());
      void Taro.redirectTo({ url: routes.jobs });
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page login">
      <View className="row"><View /><LangSwitch /></View>
      <CellGroup title={t('signInTitle')}>
        <Cell title={t('tenant')}>
          <Input id="login-tenant" value={tenant} onChange={setTenant} placeholder="demo" maxLength={64} />
        </Cell>
        <Cell title={t('username')}>
          <Input id="login-username" value={username} onChange={setUsername} maxLength={64} />
        </Cell>
        <Cell title={t('password')}>
          <Input id="login-password" type="password" value={password} onChange={setPassword} maxLength={200} />
        </Cell>
        {error ? <Cell><Text className="form-error" id="login-error">{error}</Text></Cell> : null}
      </CellGroup>
      <View className="actions">
        <Button id="login-submit" type="primary" block loading={busy} onClick={() => void submit()}>{t('signIn')}</Button>
      </View>
    </View>
  );
}

export default LoginPage;
