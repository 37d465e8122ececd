import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ROLES, type Role, type StaffView } from '@baoxiu/shared';
import { asApiError, type ApiError } from '../../../api/errors';
import { listSites } from '../../../api/sites';
import { listStaff, setStaffActive, updateStaff } from '../../../api/staff';
import { PageState } from '../../../components/PageState';
import { fmt, tc, useLang } from '../../../i18n/console';
import { ta } from '../../../i18n/admin';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, consoleSession } from '../components/ConsoleShell';
import { PasswordDialog } from './components/PasswordDialog';
import { StaffDialog } from './components/StaffDialog';
import { StaffList } from './components/StaffList';
import { ROLE_HELP, ROLE_NAME } from './components/roles';
import { filterStaffList, type StaffFilter } from './form';
import './index.css';

type Dialog = { kind: 'edit'; staff: StaffView | null } | { kind: 'password'; staff: StaffView };

/** Staff accounts of every role for admins: create, edit, duty, disable, reset password. */
export function ConsoleStaffPage() {
  useLang();
  const session = consoleSession();
  const isAdmin = session?.user.role === 'admin';
  const selfId = session?.user.id ?? null;
  const staff = useLoader(listStaff, [], isAdmin);
  const sites = useLoader(listSites, [], isAdmin);
  const [filter, setFilter] = useState<StaffFilter>({ role: '', q: '', showDisabled: false });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  const all = useMemo(() => staff.data ?? [], [staff.data]);
  const shown = useMemo(() => filterStaffList(all, filter), [all, filter]);
  const engineers = all.filter((s) => s.active && s.role === 'engineer');

  const replace = (saved: StaffView) => {
    const list = staff.data ?? [];
    staff.setData(list.some((s) => s.id === saved.id) ? list.map((s) => (s.id === saved.id ? saved : s)) : [...list, saved]);
  };

  const act = async (person: StaffView, call: () => Promise<StaffView>, done?: string) => {
    setBusyId(person.id);
    setActionError(null);
    try {
      replace(await call());
      if (done) void Taro.showToast({ title: done, icon: 'success' });
    } catch (caught) {
      setActionError(asApiError(caught));
    } finally {
      setBusyId(null);
    }
  };

  const changeActive = async (person: StaffView, active: boolean) => {
    if (!active) {
      const { confirm } = await Taro.showModal({
        title: ta('staffDisable'),
        content: fmt(ta('staffDisableConfirm'), { name: person.name }),
      });
      if (!confirm) return;
    }
    await act(person, () => setStaffActive(person.id, active), ta(active ? 'staffEnabledDone' : 'staffDisabledDone'));
  };

  const actions = (
    <>
      <Button id="staff-admin-refresh" size="small" fill="none" onClick={() => void staff.reload()}>
        {tc('refresh')}
      </Button>
      <Button id="staff-new" size="small" type="primary" onClick={() => setDialog({ kind: 'edit', staff: null })}>
        {ta('staffNew')}
      </Button>
    </>
  );

  return (
    <ConsoleShell section="staff" title={ta('staffTitle')} actions={actions} adminOnly>
      <View className="panel staff-roles" id="staff-roles">
        {ROLES.map((role) => (
          <View key={role} className="staff-roles__row" data-role={role}>
            <Text className="badge">{ta(ROLE_NAME[role])}</Text>
            <Text className="staff-roles__help">{ta(ROLE_HELP[role])}</Text>
          </View>
        ))}
      </View>
      <View className="panel">
        <View className="toolbar">
          <input
            id="staff-admin-q"
            className="c-input staff-admin-search"
            aria-label={tc('search')}
            value={filter.q}
            placeholder={`${ta('staffColName')} / ${ta('staffColAccount')} / ${ta('staffColPhone')}`}
            onChange={(e) => setFilter((f) => ({ ...f, q: e.target.value }))}
          />
          <select
            id="staff-admin-role"
            className="c-select"
            aria-label={ta('staffColRole')}
            value={filter.role}
            onChange={(e) => setFilter((f) => ({ ...f, role: e.target.value as Role | '' }))}
          >
            <option value="">{ta('staffFilterAll')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ta(ROLE_NAME[role])}
              </option>
            ))}
          </select>
          <label className="c-check">
            <input
              id="staff-admin-disabled"
              type="checkbox"
              checked={filter.showDisabled}
              onChange={(e) => setFilter((f) => ({ ...f, showDisabled: e.target.checked }))}
            />
            <span>{ta('staffShowDisabled')}</span>
          </label>
          <View className="toolbar__grow" />
          <Text className="muted-c" id="staff-admin-counts">
            {fmt(ta('staffCount'), {
              total: all.filter((s) => s.active).length,
              engineers: engineers.length,
              onDuty: engineers.filter((s) => s.onDutyNow).length,
            })}
          </Text>
        </View>
        {actionError ? (
          <View className="notice notice--error" id="staff-admin-error" data-code={actionError.code}>
            {actionError.message}
          </View>
        ) : null}
        <PageState
          loading={staff.loading}
          error={staff.error}
          data={staff.data}
          onRetry={() => void staff.reload()}
          isEmpty={(list) => list.length === 0}
          emptyText={ta('staffNone')}
        >
          {() =>
            shown.length === 0 ? (
              <View className="page-state" id="staff-admin-no-matches">
                <Text className="muted-c">{tc('noStaffMatches')}</Text>
              </View>
            ) : (
              <StaffList
                items={shown}
                sites={sites.data ?? []}
                selfId={selfId}
                busyId={busyId}
                onEdit={(person) => setDialog({ kind: 'edit', staff: person })}
                onPassword={(person) => setDialog({ kind: 'password', staff: person })}
                onActive={(person, active) => void changeActive(person, active)}
                onDuty={(person, onDuty) => void act(person, () => updateStaff(person.id, { onDuty }))}
              />
            )
          }
        </PageState>
      </View>
      {dialog?.kind === 'edit' ? (
        <StaffDialog
          staff={dialog.staff}
          sites={sites.data ?? []}
          selfId={selfId}
          onClose={() => setDialog(null)}
          onSaved={(saved, created) => {
            replace(saved);
            setDialog(null);
            void Taro.showToast({ title: created ? fmt(ta('staffCreated'), { username: saved.username }) : tc('saved'), icon: 'success' });
          }}
        />
      ) : null}
      {dialog?.kind === 'password' ? (
        <PasswordDialog
          staff={dialog.staff}
          onClose={() => setDialog(null)}
          onDone={(saved) => {
            setDialog(null);
            void Taro.showToast({ title: fmt(ta('staffPasswordDone'), { name: saved.name }), icon: 'none' });
          }}
        />
      ) : null}
    </ConsoleShell>
  );
}

export default ConsoleStaffPage;
