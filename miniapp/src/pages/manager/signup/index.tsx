import { useEffect, useState, type FormEvent } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { TenantSlugSchema } from '@baoxiu/shared';
import { login } from '../../../api/auth';
import { listPublicPlans, signup } from '../../../api/billing';
import { asApiError } from '../../../api/errors';
import { LangSwitch } from '../../../components/LangSwitch';
import { PageState } from '../../../components/PageState';
import { tc, useLang } from '../../../i18n/console';
import { routes } from '../../../lib/routes';
import { rememberTenant, saveSession } from '../../../lib/session';
import { useLoader } from '../../../lib/use-loader';
import { useConsoleRoot } from '../components/ConsoleShell';
import { PlanPicker } from '../components/PlanPicker';
import '../login/index.css';
import './index.css';

/** The plan a signup starts with when none is chosen: the top one's trial, so a newcomer sees everything. */
const DEFAULT_PLAN = 'pro-month';

/** Self-service signup: a company, its admin account and a plan's free trial; then straight into the console. */
export function ConsoleSignupPage() {
  useLang();
  useConsoleRoot();
  const { params } = useRouter();
  const plans = useLoader(listPublicPlans, []);
  const [form, setForm] = useState({ name: '', slug: '', adminName: '', username: 'admin', password: '', seats: '' });
  const [plan, setPlan] = useState(params.plan ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    const items = plans.data;
    if (!plan && items && items.length > 0) setPlan(items.some((p) => p.code === DEFAULT_PLAN) ? DEFAULT_PLAN : items[0].code);
  }, [plans.data, plan]);

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!form.name.trim() || !form.slug.trim() || !form.adminName.trim() || !form.username.trim() || !form.password || !plan)
      return setError(tc('fillAll'));
    const slug = TenantSlugSchema.safeParse(form.slug);
    if (!slug.success) return setError(tc('signupSlugInvalid'));
    if (form.password.length < 8) return setError(tc('signupPassHint'));
    setBusy(true);
    setError('');
    try {
      await signup({
        slug: slug.data,
        name: form.name.trim(),
        plan,
        admin: { username: form.username.trim(), password: form.password, name: form.adminName.trim() },
        ...(form.seats ? { seats: Number(form.seats) } : {}),
      });
      setDone(true);
      const res = await login({ tenant: slug.data, username: form.username.trim(), password: form.password });
      saveSession({ token: res.token, user: res.user, tenant: slug.data });
      rememberTenant(slug.data);
      void Taro.redirectTo({ url: routes.consoleBilling });
    } catch (caught) {
      setDone(false);
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="console-login">
      <form className="console-login__card signup__card" onSubmit={(e) => void submit(e)}>
        <View className="console-login__top">
          <Text className="console-login__title">{tc('signupTitle')}</Text>
          <LangSwitch />
        </View>
        <Text className="muted-c">{tc('signupHint')}</Text>
        <View className="signup__grid">
          <label className="field">
            <span className="field__label">{tc('signupCompany')}</span>
            <input id="su-name" className="c-input" value={form.name} onChange={set('name')} maxLength={100} autoComplete="organization" />
          </label>
          <label className="field">
            <span className="field__label">{tc('signupSlug')}</span>
            <input
              id="su-slug"
              className="c-input"
              value={form.slug}
              onChange={set('slug')}
              maxLength={63}
              autoCapitalize="none"
              spellCheck={false}
            />
            <span className="field__hint">{tc('signupSlugHint')}</span>
          </label>
          <label className="field">
            <span className="field__label">{tc('signupAdminName')}</span>
            <input
              id="su-admin-name"
              className="c-input"
              value={form.adminName}
              onChange={set('adminName')}
              maxLength={50}
              autoComplete="name"
            />
          </label>
          <label className="field">
            <span className="field__label">{tc('signupAdminUser')}</span>
            <input
              id="su-username"
              className="c-input"
              value={form.username}
              onChange={set('username')}
              maxLength={64}
              autoComplete="username"
            />
          </label>
          <label className="field">
            <span className="field__label">{tc('signupAdminPass')}</span>
            <input
              id="su-password"
              className="c-input"
              type="password"
              value={form.password}
              onChange={set('password')}
              maxLength={200}
              autoComplete="new-password"
            />
            <span className="field__hint">{tc('signupPassHint')}</span>
          </label>
          <label className="field">
            <span className="field__label">{tc('signupSeats')}</span>
            <input id="su-seats" className="c-input" type="number" min={1} max={100000} value={form.seats} onChange={set('seats')} />
          </label>
        </View>
        <View className="field">
          <span className="field__label">{tc('signupPlan')}</span>
          <PageState loading={plans.loading} error={plans.error} data={plans.data} onRetry={() => void plans.reload()}>
            {(items) => <PlanPicker plans={items} value={plan} onChange={setPlan} idPrefix="su-plan" />}
          </PageState>
        </View>
        {error ? (
          <span className="field__error" id="su-error" role="alert">
            {error}
          </span>
        ) : null}
        {done ? (
          <span className="muted-c" id="su-done" role="status">
            {tc('signupDone')}
          </span>
        ) : null}
        <button type="submit" className="c-hidden" />
        <Button id="su-submit" type="primary" block loading={busy} onClick={() => void submit()}>
          {tc('signupSubmit')}
        </Button>
        <a
          className="signup__link"
          href={routes.consoleLogin}
          id="su-login"
          onClick={(e) => {
            e.preventDefault();
            void Taro.redirectTo({ url: routes.consoleLogin });
          }}
        >
          {tc('signupHaveAccount')}
        </a>
      </form>
    </View>
  );
}

export default ConsoleSignupPage;
