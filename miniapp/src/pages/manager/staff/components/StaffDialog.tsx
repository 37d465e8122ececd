import { useState, type FormEvent } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ROLES, type Role, type SiteView, type StaffView } from '@baoxiu/shared';
import { asApiError } from '../../../../api/errors';
import { createStaff, updateStaff } from '../../../../api/staff';
import { fmt, tc } from '../../../../i18n/console';
import { ta } from '../../../../i18n/admin';
import { ConsoleDialog } from '../../components/ConsoleDialog';
import { Field } from '../../components/Field';
import { buildCreate, buildUpdate, draftOfStaff, emptyStaffDraft, serverStaffErrors, type StaffDraft, type StaffErrors } from '../form';
import { ROLE_HELP, ROLE_NAME } from './roles';

interface StaffDialogProps {
  /** null: a new account. */
  staff: StaffView | null;
  sites: SiteView[];
  /** The signed-in admin: their own role cannot be changed. */
  selfId: number | null;
  onSaved: (saved: StaffView, created: boolean) => void;
  onClose: () => void;
}

/** What saving sends: a create or an update, or nothing with the fields in error. */
function planSave(staff: StaffView | null, draft: StaffDraft): { errors: StaffErrors; send: (() => Promise<StaffView>) | null } {
  if (!staff) {
    const { body, errors } = buildCreate(draft);
    return { errors, send: body ? () => createStaff(body) : null };
  }
  const { body, errors } = buildUpdate(draft);
  return { errors, send: body ? () => updateStaff(staff.id, body) : null };
}

/** Create or edit an account; what was typed stays when the server refuses it, with the reason under its field. */
export function StaffDialog({ staff, sites, selfId, onSaved, onClose }: StaffDialogProps) {
  const [draft, setDraft] = useState<StaffDraft>(() => (staff ? draftOfStaff(staff) : emptyStaffDraft()));
  const [errors, setErrors] = useState<StaffErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const creating = staff === null;
  const set = (patch: Partial<StaffDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // A field's error goes once it is edited: a stale message would blame what was just corrected.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const plan = planSave(staff, draft);
    setErrors(plan.errors);
    setFormError('');
    if (!plan.send) return;
    setBusy(true);
    try {
      onSaved(await plan.send(), creating);
    } catch (caught) {
      const error = asApiError(caught);
      const fields = serverStaffErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(error.message);
    } finally {
      setBusy(false);
    }
  };

  const toggleSite = (id: number, on: boolean) => set({ siteIds: on ? [...draft.siteIds, id] : draft.siteIds.filter((s) => s !== id) });
  const ownRole = staff !== null && staff.id === selfId;

  return (
    <ConsoleDialog
      id="staff-dialog"
      title={creating ? ta('staffNew') : fmt(ta('staffEditTitle'), { name: staff.name })}
      onClose={onClose}
      footer={
        <>
          <Button id="staff-dialog-cancel" fill="none" onClick={onClose}>
            {tc('cancel')}
          </Button>
          <Button id="staff-dialog-save" type="primary" loading={busy} onClick={() => void submit()}>
            {tc('save')}
          </Button>
        </>
      }
    >
      <form className="staff-form" id="staff-form" onSubmit={(e) => void submit(e)}>
        {formError ? (
          <View className="notice notice--error" id="staff-form-error">
            {formError}
          </View>
        ) : null}
        <Field label={ta('staffFieldRole')} required error={errors.role}>
          <select
            id="staff-role-input"
            className="c-select"
            value={draft.role}
            disabled={ownRole}
            onChange={(e) => set({ role: e.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ta(ROLE_NAME[role])}
              </option>
            ))}
          </select>
          <Text className="muted-c staff-form__help" id="staff-role-help">
            {ta(ROLE_HELP[draft.role])}
          </Text>
        </Field>
        <View className="form-grid">
          <Field label={ta('staffFieldUsername')} required={creating} error={errors.username}>
            <input
              id="staff-username"
              className={`c-input${errors.username ? ' c-input--invalid' : ''}`}
              value={draft.username}
              maxLength={64}
              disabled={!creating}
              autoComplete="off"
              onChange={(e) => set({ username: e.target.value })}
            />
            {creating ? <Text className="muted-c staff-form__help">{ta('staffFieldUsernameHint')}</Text> : null}
          </Field>
          <Field label={ta('staffFieldName')} required error={errors.name}>
            <input
              id="staff-name"
              className={`c-input${errors.name ? ' c-input--invalid' : ''}`}
              value={draft.name}
              maxLength={50}
              onChange={(e) => set({ name: e.target.value })}
            />
          </Field>
          {creating ? (
            <Field label={ta('staffFieldPassword')} required error={errors.password}>
              <input
                id="staff-password"
                type="password"
                autoComplete="new-password"
                className={`c-input${errors.password ? ' c-input--invalid' : ''}`}
                value={draft.password}
                maxLength={200}
                onChange={(e) => set({ password: e.target.value })}
              />
            </Field>
          ) : null}
          <Field label={ta('staffFieldPhone')} error={errors.phone}>
            <input
              id="staff-phone"
              className={`c-input${errors.phone ? ' c-input--invalid' : ''}`}
              value={draft.phone}
              maxLength={20}
              onChange={(e) => set({ phone: e.target.value })}
            />
          </Field>
        </View>
        {draft.role === 'engineer' ? (
          <View className="staff-form__engineer">
            <Field label={ta('staffFieldSkills')} error={errors.skills}>
              <input id="staff-skills" className="c-input" value={draft.skills} onChange={(e) => set({ skills: e.target.value })} />
              <Text className="muted-c staff-form__help">{ta('staffFieldSkillsHint')}</Text>
            </Field>
            <View className="field">
              <span className="field__label">{ta('staffFieldSites')}</span>
              <View className="staff-form__sites" id="staff-sites">
                {sites.map((site) => (
                  <label key={site.id} className="c-check">
                    <input
                      type="checkbox"
                      data-site-id={String(site.id)}
                      checked={draft.siteIds.includes(site.id)}
                      onChange={(e) => toggleSite(site.id, e.target.checked)}
                    />
                    <span>{site.name}</span>
                  </label>
                ))}
              </View>
              <Text className="muted-c staff-form__help">{ta('staffFieldSitesHint')}</Text>
              {errors.siteIds ? <Text className="field__error">{errors.siteIds}</Text> : null}
            </View>
            <label className="c-check">
              <input id="staff-on-duty" type="checkbox" checked={draft.onDuty} onChange={(e) => set({ onDuty: e.target.checked })} />
              <span>{ta('staffFieldOnDuty')}</span>
            </label>
          </View>
        ) : null}
        <button type="submit" className="c-hidden" />
      </form>
    </ConsoleDialog>
  );
}
