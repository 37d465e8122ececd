import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage, RECIPIENT_TYPES, type NotificationKind, type RecipientType } from '@baoxiu/shared';
import { asApiError } from '../../../api/errors';
import { getWechatSettings, putWechatSettings, type WechatSettings } from '../../../api/wechat-console';
import { PageState } from '../../../components/PageState';
import { getLang, tc, useLang, type ConsoleKey } from '../../../i18n/console';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, consoleSession } from '../components/ConsoleShell';
import { KindEditor } from './components/KindEditor';
import { LabourSettingsPanel } from './components/LabourSettingsPanel';
import {
  buildSettings,
  draftOf,
  KINDS_BY_RECIPIENT,
  serverSettingsErrors,
  type KindDraft,
  type SettingsDraft,
  type SettingsErrors,
} from './form';
import './index.css';

const GROUP_TITLE: Record<RecipientType, ConsoleKey> = {
  engineer: 'recipientEngineer',
  reporter: 'recipientReporter',
  dispatcher: 'recipientDispatcher',
};
const MODE: Record<WechatSettings['mode'], { label: ConsoleKey; className: string }> = {
  wechat: { label: 'modeWechat', className: 'badge badge--ok' },
  standin: { label: 'modeStandin', className: 'badge badge--info' },
  off: { label: 'modeOff', className: 'badge badge--warn' },
};

/** The tenant's WeChat templates per notification kind; everything typed stays when a save fails. */
export function ConsoleSettingsPage() {
  useLang();
  const canEdit = consoleSession()?.user.role === 'admin'; // dispatchers may read (settings:read), not write
  const settings = useLoader(getWechatSettings, []);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [formError, setFormError] = useState('');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (settings.data && !draft) setDraft(draftOf(settings.data.templates));
  }, [settings.data, draft]);
  // Nine kinds make a long page: bring the first field in error into view.
  useEffect(() => {
    formRef.current?.querySelector('.kind .field__error')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [errors]);

  const setKind = (kind: NotificationKind, value: KindDraft) => {
    setDraft((d) => (d ? { ...d, [kind]: value } : d));
    setDirty(true);
  };

  const save = async () => {
    if (!draft || busy || !canEdit) return;
    const built = buildSettings(draft);
    setErrors(built.errors ?? {});
    // Checked here with the server's own schema: the same message as the server's VALIDATION_FAILED.
    setFormError(built.errors ? errorMessage('VALIDATION_FAILED', getLang()) : '');
    if (!built.body) return;
    setBusy(true);
    try {
      const saved = await putWechatSettings(built.body);
      settings.setData(saved);
      setDraft(draftOf(saved.templates));
      setDirty(false);
      void Taro.showToast({ title: tc('saved'), icon: 'success' });
    } catch (caught) {
      const error = asApiError(caught);
      setErrors(
        serverSettingsErrors(
          error,
          built.body.templates.map((t) => t.kind),
        ),
      );
      setFormError(error.message);
    } finally {
      setBusy(false);
    }
  };

  const saveButton = canEdit ? (
    <Button id="settings-save" type="primary" size="small" loading={busy} disabled={!draft} onClick={() => void save()}>
      {tc('save')}
    </Button>
  ) : null;

  return (
    <ConsoleShell section="settings" title={tc('navSettings')} actions={saveButton}>
      <LabourSettingsPanel canEdit={canEdit} />
      <PageState loading={settings.loading} error={settings.error} data={draft} onRetry={() => void settings.reload()}>
        {(form) => (
          <form
            ref={formRef}
            id="settings-form"
            data-dirty={dirty ? 'true' : 'false'}
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <View className="panel settings__head">
              <View className="settings__mode">
                <Text className="field__label">{tc('wechatMode')}</Text>
                {settings.data ? (
                  <Text className={MODE[settings.data.mode].className} id="settings-mode" data-mode={settings.data.mode}>
                    {tc(MODE[settings.data.mode].label)}
                  </Text>
                ) : null}
              </View>
              <Text className="settings__intro">{tc('settingsIntro')}</Text>
              {canEdit ? null : (
                <View className="notice" id="settings-read-only">
                  {tc('settingsReadOnly')}
                </View>
              )}
              {formError ? (
                <View className="notice notice--error" id="settings-error">
                  {formError}
                </View>
              ) : null}
            </View>
            {RECIPIENT_TYPES.map((recipient) => (
              <View className="panel" key={recipient} id={`settings-${recipient}`}>
                <Text className="panel__title">{tc(GROUP_TITLE[recipient])}</Text>
                {recipient === 'reporter' ? <Text className="muted-c settings__note">{tc('reporterLimitNote')}</Text> : null}
                {KINDS_BY_RECIPIENT[recipient].map((kind) => (
                  <KindEditor
                    key={kind}
                    kind={kind}
                    value={form[kind]}
                    errors={errors[kind]}
                    readOnly={!canEdit}
                    onChange={(value) => setKind(kind, value)}
                  />
                ))}
              </View>
            ))}
            <button type="submit" className="c-hidden" />
            {canEdit ? (
              <View className="settings__buttons">
                <Button id="settings-save-bottom" type="primary" loading={busy} onClick={() => void save()}>
                  {tc('save')}
                </Button>
                {dirty ? (
                  <Text className="muted-c" id="settings-dirty">
                    {tc('settingsUnsaved')}
                  </Text>
                ) : null}
              </View>
            ) : null}
          </form>
        )}
      </PageState>
    </ConsoleShell>
  );
}

export default ConsoleSettingsPage;
