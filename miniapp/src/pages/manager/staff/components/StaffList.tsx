import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { SiteView, StaffView } from '@baoxiu/shared';
import { ta } from '../../../../i18n/admin';
import { ROLE_NAME } from './roles';

interface StaffListProps {
  items: StaffView[];
  sites: SiteView[];
  selfId: number | null;
  busyId: number | null;
  onEdit: (staff: StaffView) => void;
  onPassword: (staff: StaffView) => void;
  onActive: (staff: StaffView, active: boolean) => void;
  onDuty: (staff: StaffView, onDuty: boolean) => void;
}

/** One row per account: who, their role and engineer profile, and what an admin can do with them. */
export function StaffList({ items, sites, selfId, busyId, onEdit, onPassword, onActive, onDuty }: StaffListProps) {
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  return (
    <table className="c-table" id="staff-admin-table">
      <thead>
        <tr>
          <th>{ta('staffColName')}</th>
          <th>{ta('staffColAccount')}</th>
          <th>{ta('staffColRole')}</th>
          <th>{ta('staffColPhone')}</th>
          <th>{ta('staffColSkills')}</th>
          <th>{ta('staffColSites')}</th>
          <th>{ta('staffColDuty')}</th>
          <th>{ta('staffColState')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((s) => {
          const engineer = s.role === 'engineer';
          const busy = busyId === s.id;
          return (
            <tr
              key={s.id}
              className={`staff-admin-row${s.active ? '' : ' staff-admin-row--disabled'}`}
              data-id={String(s.id)}
              data-username={s.username}
              data-role={s.role}
              data-active={s.active ? 'true' : 'false'}
              data-on-duty={s.onDuty ? 'true' : 'false'}
              data-on-duty-now={s.onDutyNow ? 'true' : 'false'}
            >
              <td>
                <Text className="staff-admin-row__name">{s.name}</Text>
                {s.id === selfId ? <Text className="muted-c">{ta('staffYou')}</Text> : null}
              </td>
              <td className="mono">{s.username}</td>
              <td>
                <Text className={`badge${s.role === 'admin' ? ' badge--info' : ''}`}>{ta(ROLE_NAME[s.role])}</Text>
              </td>
              <td>{s.phone ?? <Text className="muted-c">—</Text>}</td>
              <td>
                {engineer ? (
                  s.skills.length > 0 ? (
                    s.skills.join('、')
                  ) : (
                    <Text className="muted-c">{ta('staffNoSkills')}</Text>
                  )
                ) : (
                  <Text className="muted-c">—</Text>
                )}
              </td>
              <td>
                {engineer ? (
                  s.siteIds.length > 0 ? (
                    s.siteIds.map((id) => siteName.get(id) ?? `#${id}`).join('、')
                  ) : (
                    <Text className="muted-c">{ta('staffAllSites')}</Text>
                  )
                ) : (
                  <Text className="muted-c">—</Text>
                )}
              </td>
              <td>
                {engineer ? (
                  <View className="staff-admin-row__duty">
                    <Text className={`badge staff-admin-row__duty-now ${s.onDutyNow ? 'badge--ok' : 'badge--warn'}`}>
                      {ta(s.onDutyNow ? 'staffOnDuty' : 'staffOffDuty')}
                    </Text>
                    {s.onDutyNow === s.onDuty ? null : (
                      <Text className="muted-c staff-admin-row__duty-switch">
                        {ta(s.onDuty ? 'staffSwitchOnByShift' : 'staffSwitchOffByShift')}
                      </Text>
                    )}
                    {s.active ? (
                      <Button
                        className="staff-admin-row__duty-toggle"
                        size="small"
                        fill="none"
                        disabled={busy}
                        onClick={() => onDuty(s, !s.onDuty)}
                      >
                        {ta(s.onDuty ? 'staffSetOffDuty' : 'staffSetOnDuty')}
                      </Button>
                    ) : null}
                  </View>
                ) : (
                  <Text className="muted-c">—</Text>
                )}
              </td>
              <td>
                <Text className={`badge ${s.active ? 'badge--ok' : 'badge--error'}`}>{ta(s.active ? 'staffActive' : 'staffDisabled')}</Text>
                {engineer && s.openJobs > 0 ? (
                  <Text className="muted-c staff-admin-row__jobs">
                    {' '}
                    {ta('staffColOpenJobs')} {s.openJobs}
                  </Text>
                ) : null}
              </td>
              <td className="staff-admin-row__actions">
                <Button className="staff-admin-row__edit" size="small" fill="none" disabled={busy} onClick={() => onEdit(s)}>
                  {ta('staffEdit')}
                </Button>
                <Button className="staff-admin-row__password" size="small" fill="none" disabled={busy} onClick={() => onPassword(s)}>
                  {ta('staffResetPassword')}
                </Button>
                {s.id === selfId ? null : s.active ? (
                  <Button
                    className="staff-admin-row__disable c-btn-danger"
                    size="small"
                    fill="none"
                    loading={busy}
                    onClick={() => onActive(s, false)}
                  >
                    {ta('staffDisable')}
                  </Button>
                ) : (
                  <Button className="staff-admin-row__enable" size="small" fill="none" loading={busy} onClick={() => onActive(s, true)}>
                    {ta('staffEnable')}
                  </Button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
