import { useEffect, useState, type FormEvent } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { DISPATCH_MODES, type DispatchMode } from '@baoxiu/shared';
import { asApiError } from '../../../api/errors';
import { getTenantSettings, patchTenantSettings } from '../../../api/staff';
import { PageState } from '../../../components/PageState';
import { fmt, tc, useLang } from '../../../i18n/console';
import { ta, type AdminKey } from '../../../i18n/admin';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, consoleSession } from '../components/ConsoleShell';
import { Field } from '../components/Field';
import { ApiKeysPanel } from './ApiKeys';
import { buildTenantUpdate, COMMON_ZONES, REACH_NOTICE, tenantDraftOf, type TenantDraft, type TenantErrors } from './form';
import './index.css';

const MODE_TEXT: Record<DispatchMode, AdminKey> = {
  auto: 'tenantModeAuto',
  pool: 'tenantModePool',
  manual: 'tenantModeManual',
  combined: 'tenantModeCombined',
};

/** Dispatch mode, offer timeout and time zone; and whether the address printed on labels opens on a phone. */
export function ConsoleTenantPage() {
  useLang();
  const canEdit = consoleSession()?.user.role === 'admin';
  const settings = useLoader(getTenantSettings, []);
  const [draft, setDraft] = useState<TenantDraft | null>(null);
  const [errors, setErrors] = useState<TenantErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings.data && !draft) setDraft(tenantDraftOf(settings.data.settings));
  }, [settings.data, draft]);

  const set = (patch: Partial<TenantDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!draft || busy || !canEdit) return;
    const built = buildTenantUpdate(draft);
    setErrors(built.errors);
    setFormError('');
    if (!built.body) return;
    setBusy(true);
    try {
      const saved = await patchTenantSettings(built.body);
      settings.setData(saved);
      setDraft(tenantDraftOf(saved.settings));
      void Taro.showToast({ title: tc('saved'), icon: 'success' });
    } catch (caught) {
      setFormError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const url = settings.data?.publicBaseUrl;
  const notice = url ? REACH_NOTICE[url.reach] : null;

  return (
    <ConsoleShell section="tenant" title={ta('tenantTitle')} adminOnly>
      {url && notice ? (
        <View
          className={`${notice.className} tenant-url`}
          id="public-url-notice"
          data-reach={url.reach}
          role={url.reach === 'public' ? undefined : 'alert'}
        >
          <Text className="tenant-url__title">{ta('tenantPublicUrl')}</Text>
          <Text>{fmt(ta(notice.text), { url: url.url })}</Text>
        </View>
      ) : null}
      <PageState loading={settings.loading} error={settings.error} data={draft} onRetry={() => void settings.reload()}>
        {(form) => (
          <form className="panel tenant-form" id="tenant-form" onSubmit={(e) => void save(e)}>
            {formError ? (
              <View className="notice notice--error" id="tenant-error">
                {formError}
              </View>
            ) : null}
            <View className="field">
              <span className="field__label">{ta('tenantDispatchMode')}</span>
              <View className="tenant-modes" role="radiogroup" aria-label={ta('tenantDispatchMode')}>
                {DISPATCH_MODES.map((mode) => (
                  <label key={mode} className="c-check tenant-mode">
                    <input
                      type="radio"
                      name="dispatchMode"
                      value={mode}
                      id={`mode-${mode}`}
                      checked={form.dispatchMode === mode}
                      disabled={!canEdit}
                      onChange={() => set({ dispatchMode: mode })}
                    />
                    <span>{ta(MODE_TEXT[mode])}</span>
                  </label>
                ))}
              </View>
            </View>
            <View className="form-grid">
              <Field label={ta('tenantOfferTimeout')} error={errors.offerTimeoutSeconds ? ta(errors.offerTimeoutSeconds) : undefined}>
                <input
                  id="tenant-timeout"
                  className={`c-input${errors.offerTimeoutSeconds ? ' c-input--invalid' : ''}`}
                  inputMode="numeric"
                  value={form.offerTimeoutSeconds}
                  disabled={!canEdit}
                  onChange={(e) => set({ offerTimeoutSeconds: e.target.value })}
                />
                <Text className="muted-c tenant-form__help">{ta('tenantOfferTimeoutHint')}</Text>
              </Field>
              <Field label={ta('tenantTimezone')} error={errors.timezone ? ta(errors.timezone) : undefined}>
                <input
                  id="tenant-timezone"
                  className={`c-input${errors.timezone ? ' c-input--invalid' : ''}`}
                  list="tenant-zones"
                  value={form.timezone}
                  disabled={!canEdit}
                  onChange={(e) => set({ timezone: e.target.value })}
                />
                <datalist id="tenant-zones">
                  {COMMON_ZONES.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
                <Text className="muted-c tenant-form__help">{ta('tenantTimezoneHint')}</Text>
              </Field>
            </View>
            <button type="submit" className="c-hidden" />
            {canEdit ? (
              <View className="tenant-form__buttons">
                <Button id="tenant-save" type="primary" loading={busy} onClick={() => void save()}>
                  {tc('save')}
                </Button>
              </View>
            ) : (
              <View className="notice">{ta('tenantReadOnly')}</View>
            )}
          </form>
        )}
      </PageState>
      {canEdit ? <ApiKeysPanel /> : null}
    </ConsoleShell>
  );
}

export default ConsoleTenantPage;
