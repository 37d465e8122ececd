import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CreditView, Role } from '@baoxiu/shared';
import type { StaffWechatView } from '../../../../api/wechat-console';
import { tc, type ConsoleKey } from '../../../../i18n/console';
import { wechatState, type WechatState } from '../staff';

export const ROLE_LABEL: Record<Role, ConsoleKey> = { admin: 'roleAdmin', dispatcher: 'roleDispatcher', engineer: 'roleEngineer' };

const ROW_CLASS: Record<WechatState, string> = { unbound: 'staff-row--unbound', no_credit: 'staff-row--no-credit', ok: 'staff-row--ok' };

interface StaffTableProps {
  items: StaffWechatView[];
  /** Admins get the invite and unlink buttons; dispatchers only see the list. */
  canManage: boolean;
  busyId: number | null;
  onInvite: (staff: StaffWechatView) => void;
  onUnbind: (staff: StaffWechatView) => void;
  /** Opens an engineer's shift editor (admins edit, dispatchers read). */
  onShifts: (staff: StaffWechatView) => void;
}

function Credit({ credit, bound }: { credit: CreditView; bound: boolean }) {
  const empty = bound && (credit.credits === 0 || credit.refused);
  return (
    <span
      className={`badge${empty ? ' badge--error' : bound ? ' badge--ok' : ''} staff-credit`}
      data-kind={credit.kind}
      data-credits={String(credit.credits)}
      title={credit.templateId}
    >
      {tc(`kind_${credit.kind}`)} · {credit.credits}
      {credit.refused ? ` · ${tc('creditRefused')}` : ''}
    </span>
  );
}

/** One page of staff with their WeChat link and what is left of each template's subscription. */
export function StaffTable({ items, canManage, busyId, onInvite, onUnbind, onShifts }: StaffTableProps) {
  return (
    <table className="c-table" id="staff-table">
      <thead>
        <tr>
          <th>{tc('colPerson')}</th>
          <th>{tc('colRole')}</th>
          <th>{tc('colWechat')}</th>
          <th>{tc('colCredits')}</th>
          {canManage ? <th /> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((staff) => {
          const state = wechatState(staff);
          return (
            <tr
              key={staff.id}
              className={`staff-row ${ROW_CLASS[state]}`}
              data-id={String(staff.id)}
              data-name={staff.name}
              data-bound={staff.bound ? 'true' : 'false'}
              data-state={state}
            >
              <td>
                <Text className="staff-row__name">{staff.name}</Text>
                {state === 'no_credit' ? <Text className="staff-row__note field__error">{tc('noCreditNote')}</Text> : null}
                {state === 'unbound' ? <Text className="staff-row__note muted-c">{tc('unboundNote')}</Text> : null}
              </td>
              <td>
                <Text>{tc(ROLE_LABEL[staff.role])}</Text>
                {staff.role === 'engineer' ? (
                  <Button size="small" className="staff-row__shifts" onClick={() => onShifts(staff)}>
                    {tc('shiftButton')}
                  </Button>
                ) : null}
              </td>
              <td>
                <View className="staff-row__wechat">
                  <Text className={`badge${staff.bound ? ' badge--ok' : ''} staff-row__bound`}>
                    {tc(staff.bound ? 'wechatBound' : 'wechatUnbound')}
                  </Text>
                  {state === 'no_credit' ? <Text className="badge badge--error staff-row__no-credit">{tc('wechatNoCredit')}</Text> : null}
                </View>
              </td>
              <td>
                {staff.templates.length > 0 ? (
                  <View className="staff-row__credits">
                    {staff.templates.map((credit) => (
                      <Credit key={credit.kind} credit={credit} bound={staff.bound} />
                    ))}
                  </View>
                ) : (
                  <Text className="muted-c">{tc('noTemplatesForRole')}</Text>
                )}
              </td>
              {canManage ? (
                <td className="staff-row__actions">
                  <Button
                    className="staff-row__invite"
                    size="small"
                    fill="none"
                    disabled={busyId === staff.id}
                    onClick={() => onInvite(staff)}
                  >
                    {tc('wechatInvite')}
                  </Button>
                  {staff.bound ? (
                    <Button
                      className="staff-row__unbind c-btn-danger"
                      size="small"
                      fill="none"
                      loading={busyId === staff.id}
                      onClick={() => onUnbind(staff)}
                    >
                      {tc('unbindWechat')}
                    </Button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
