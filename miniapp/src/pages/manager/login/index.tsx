import { useEffect, useState, type FormEvent } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { login } from '../../../api/auth';
import { asApiError } from '../../../api/errors';
import { LangSwitch } from '../../../components/LangSwitch';
import { tc, useLang } from '../../../i18n/console';
import { routes } from '../../../lib/routes';
import { getSession, lastTenant, rememberTenant, saveSession } from '../../../lib/session';
import { CONSOLE_ROLES, consoleSession, useConsoleRoot } from '../components/ConsoleShell';
import './index.css';

/** Staff sign-in for the console: admins and dispatchers; an engineer's account is refused with a clear message. */
export function ConsoleLoginPage() {
  useLang();
  useConsoleRoot();
  const [tenant, setTenant] = useState(lastTenant);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // An engineer's session in this browser (the engineer pages share it) is not enough for the console.
  const [error, setError] = useState(() => (getSession() && !consoleSession() ? tc('consoleRoleRequired') : ''));
  const [busy, setBusy] = useState(false);

  // Already signed in as admin or dispatcher (e.g. from the home page's link): straight to the console.
  useEffect(() => {
    if (consoleSession()) void Taro.redirectTo({ url: routes.consoleDashboard });
  }, []);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!tenant.trim() || !username.trim() || !password) return setError(tc('fillAll'));
    setBusy(true);
    setError('');
    try {
      const res = await login({ tenant: tenant.trim(), username: username.trim(), password });
      if (!CONSOLE_ROLES.includes(res.user.role)) {
        setError(tc('consoleRoleRequired'));
        return;
      }
      saveSession({ token: res.token, user: res.user, tenant: tenant.trim() });
      rememberTenant(tenant.trim());
      void Taro.redirectTo({ url: routes.consoleDashboard });
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="console-login">
      <form className="console-login__card" onSubmit={(e) => void submit(e)}>
        <View className="console-login__top">
          <Text className="console-login__title">{tc('consoleName')}</Text>
          <LangSwitch />
        </View>
        <Text className="muted-c">{tc('consoleSignInHint')}</Text>
        <label className="field">
          <span className="field__label">{tc('tenant')}</span>
          <input
            id="cl-tenant"
            className="c-input"
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
            maxLength={64}
            autoComplete="organization"
          />
        </label>
        <label className="field">
          <span className="field__label">{tc('username')}</span>
          <input
            id="cl-username"
            className="c-input"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            maxLength={64}
            autoComplete="username"
          />
        </label>
        <label className="field">
          <span className="field__label">{tc('password')}</span>
          <input
            id="cl-password"
            className="c-input"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            maxLength={200}
            autoComplete="current-password"
          />
        </label>
        {error ? (
          <Text className="field__error" id="cl-error">
            {error}
          </Text>
        ) : null}
        {/* A real submit button, so Enter in any field signs in. */}
        <button type="submit" className="c-hidden" />
        <Button id="cl-submit" type="primary" block loading={busy} onClick={() => void submit()}>
          {tc('signIn')}
        </Button>
        <a
          className="console-login__link"
          href={routes.consoleSignup}
          id="cl-signup"
          onClick={(e) => {
            e.preventDefault();
            void Taro.navigateTo({ url: routes.consoleSignup });
          }}
        >
          {tc('signupLink')}
        </a>
      </form>
    </View>
  );
}

export default ConsoleLoginPage;
