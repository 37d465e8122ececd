import { useMemo, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ROLES, type Role } from '@baoxiu/shared';
import { asApiError, type ApiError } from '../../../api/errors';
import { createWechatInvite, listStaffWechat, unbindStaffWechat, type StaffWechatView } from '../../../api/wechat-console';
import { PageState } from '../../../components/PageState';
import { fmt, tc, useLang } from '../../../i18n/console';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, consoleSession } from '../components/ConsoleShell';
import { Pager } from '../components/Pager';
import { InviteDialog, type InviteState } from './components/InviteDialog';
import { ShiftDialog } from './components/ShiftDialog';
import { ROLE_LABEL, StaffTable } from './components/StaffTable';
import { countStaff, filterStaff, NO_FILTER, pageOf, type StaffFilter } from './staff';
import './index.css';

/** Staff and their WeChat: who is linked, who has run out of one-time subscription credit; admins invite and unlink. */
export function ConsoleEngineersPage() {
  useLang();
  const canManage = consoleSession()?.user.role === 'admin';
  const staff = useLoader(listStaffWechat, []);
  const [filter, setFilter] = useState<StaffFilter>(NO_FILTER);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [invite, setInvite] = useState<InviteState | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [shiftsOf, setShiftsOf] = useState<StaffWechatView | null>(null);

  const all = useMemo(() => staff.data ?? [], [staff.data]);
  const counts = useMemo(() => countStaff(all), [all]);
  const shown = useMemo(() => pageOf(filterStaff(all, filter), page, pageSize), [all, filter, page, pageSize]);

  // Back on the page: an engineer may have bound or topped up meanwhile.
  useDidShow(() => {
    if (staff.data) void staff.reload();
  });

  const changeFilter = (patch: Partial<StaffFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const generate = async (person: StaffWechatView) => {
    setInvite({ staff: person, invite: null, error: null });
    try {
      const created = await createWechatInvite(person.id);
      setInvite((s) => (s && s.staff.id === person.id ? { ...s, invite: created } : s));
    } catch (caught) {
      const error = asApiError(caught); // 403 for a non-admin: said in the dialog, not a crash
      setInvite((s) => (s && s.staff.id === person.id ? { ...s, error } : s));
    }
  };

  const closeInvite = () => {
    setInvite(null);
    void staff.reload(); // the engineer may have scanned it while it was open
  };

  const unbind = async (person: StaffWechatView) => {
    const { confirm } = await Taro.showModal({ title: tc('unbindWechat'), content: fmt(tc('unbindConfirm'), { name: person.name }) });
    if (!confirm) return;
    setBusyId(person.id);
    setActionError(null);
    try {
      await unbindStaffWechat(person.id);
      void Taro.showToast({ title: tc('unbindDone'), icon: 'success' });
      await staff.reload();
    } catch (caught) {
      setActionError(asApiError(caught));
    } finally {
      setBusyId(null);
    }
  };

  const actions = (
    <Button id="staff-refresh" size="small" loading={staff.loading && Boolean(staff.data)} onClick={() => void staff.reload()}>
      {tc('refresh')}
    </Button>
  );

  return (
    <ConsoleShell section="engineers" title={tc('navEngineers')} actions={actions}>
      <View className="notice staff-intro" id="staff-intro">
        {tc('staffIntro')}
      </View>
      <View className="panel">
        <View className="toolbar">
          <input
            id="staff-q"
            className="c-input staff-search"
            value={filter.q}
            placeholder={tc('searchName')}
            onChange={(e) => changeFilter({ q: e.target.value })}
          />
          <select
            id="staff-role"
            aria-label={tc('a11yFilterRole')}
            className="c-select"
            value={filter.role}
            onChange={(e) => changeFilter({ role: e.target.value as Role | '' })}
          >
            <option value="">{tc('allRoles')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tc(ROLE_LABEL[role])}
              </option>
            ))}
          </select>
          <label className="c-check staff-no-credit">
            <input
              id="staff-no-credit"
              type="checkbox"
              checked={filter.noCreditOnly}
              onChange={(e) => changeFilter({ noCreditOnly: e.target.checked })}
            />
            <span>
              {tc('filterNoCredit')} ({counts.noCredit})
            </span>
          </label>
          <View className="toolbar__grow" />
          <Text
            className="muted-c"
            id="staff-counts"
            data-total={String(counts.total)}
            data-unbound={String(counts.unbound)}
            data-no-credit={String(counts.noCredit)}
          >
            {fmt(tc('staffCounts'), { ...counts })}
          </Text>
        </View>
        {canManage ? null : (
          <View className="notice" id="staff-admin-only">
            {tc('adminOnlyActions')}
          </View>
        )}
        {actionError ? (
          <View className="notice notice--error" id="staff-error" data-code={actionError.code}>
            {actionError.message}
          </View>
        ) : null}
        <PageState
          loading={staff.loading}
          error={staff.error}
          data={staff.data}
          onRetry={() => void staff.reload()}
          isEmpty={(list) => list.length === 0}
          emptyText={tc('noStaff')}
        >
          {() => (
            <View id="staff-list" data-total={String(shown.total)} data-loading={staff.loading ? 'true' : 'false'}>
              {staff.error ? <View className="notice notice--error">{staff.error.message}</View> : null}
              {shown.total === 0 ? (
                <View className="page-state" id="staff-no-matches">
                  <Text className="muted-c">{tc('noStaffMatches')}</Text>
                </View>
              ) : (
                <StaffTable
                  items={shown.items}
                  canManage={canManage}
                  busyId={busyId}
                  onInvite={(person) => void generate(person)}
                  onUnbind={(person) => void unbind(person)}
                  onShifts={setShiftsOf}
                />
              )}
              <Pager
                id="staff-pager"
                page={shown.page}
                pageSize={pageSize}
                total={shown.total}
                onPage={setPage}
                onPageSize={(size) => {
                  setPageSize(size);
                  setPage(1);
                }}
              />
            </View>
          )}
        </PageState>
      </View>
      {shiftsOf ? <ShiftDialog engineer={shiftsOf} canEdit={canManage} onClose={() => setShiftsOf(null)} /> : null}
      {invite ? <InviteDialog state={invite} onRetry={() => void generate(invite.staff)} onClose={closeInvite} /> : null}
    </ConsoleShell>
  );
}

export default ConsoleEngineersPage;
