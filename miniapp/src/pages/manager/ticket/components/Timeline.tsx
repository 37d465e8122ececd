import { View } from '@tarojs/components';
import type { DeskTicketDetail, NotificationView } from '../../../../api/desk';
import { fmt, getLang, tc, tcCode, type ConsoleKey } from '../../../../i18n/console';
import { eventLabel } from '../../../../i18n/events';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(getLang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) : '—');

/** Events whose note is for people (reasons, the note itself); the others carry machine notes. */
const NOTED = new Set<string>(['declined', 'reopened', 'cancelled', 'resolved', 'note', 'urgency_changed', 'redispatched', 'urged']);

const tr = tcCode;

const TARGET_WORD: Record<string, ConsoleKey> = {
  response: 'slaTargetResponse',
  arrival: 'slaTargetArrival',
  resolution: 'slaTargetResolution',
};

/** "response L1 breach notify_dispatcher,raise_urgency" → "响应已超时（第 2 级）：通知调度员、提升紧急程度". */
function slaNote(note: string): string {
  const [target = '', level = '', phase = '', actions = ''] = note.split(' ');
  const word = TARGET_WORD[target] ? tc(TARGET_WORD[target]) : target;
  const what = fmt(tc(phase === 'breach' ? 'slaNoteBreach' : 'slaNoteWarning'), {
    target: word,
    level: Number(level.replace('L', '')) + 1,
  });
  return `${what}${
    actions
      ? `: ${actions
          .split(',')
          .map((a) => tr('slaAction_', a))
          .join(getLang() === 'en' ? ', ' : '、')}`
      : ''
  }`;
}

function noteOf(e: DeskTicketDetail['events'][number]): string | null {
  if (!e.note) return null;
  if (e.type === 'sla_escalated') return slaNote(e.note);
  if (e.type === 'escalated') return tr('escalateReason_', e.note);
  return NOTED.has(e.type) ? e.note : null;
}

function actorOf(e: DeskTicketDetail['events'][number]): string {
  if (e.actorType === 'system') return tc('actorSystem');
  if (e.actorType === 'reporter') return tc('actorReporter');
  return e.actorName ?? `#${e.actorId ?? ''}`;
}

/** Every step with who did it; reasons (declines, reopen, cancel, notes) shown under the step. */
export function Timeline({ events }: { events: DeskTicketDetail['events'] }) {
  const lang = getLang();
  return (
    <ol className="t-timeline" id="ticket-timeline">
      {events.map((e, i) => (
        <li key={i} className={`t-step t-step--${e.type}`} data-type={e.type}>
          <View className="t-step__head">
            <span className="t-step__what">{eventLabel(e.type, lang)}</span>
            <span className="muted-c">
              {actorOf(e)} · {when(e.at)}
            </span>
          </View>
          {noteOf(e) ? <View className="t-step__note">{noteOf(e)}</View> : null}
        </li>
      ))}
    </ol>
  );
}

export function OffersTable({ offers }: { offers: DeskTicketDetail['offers'] }) {
  if (offers.length === 0) return <View className="muted-c">{tc('noOffers')}</View>;
  return (
    <table className="c-table" id="ticket-offers">
      <thead>
        <tr>
          <th>{tc('offerWho')}</th>
          <th>{tc('offerWhen')}</th>
          <th>{tc('colOffer')}</th>
          <th>{tc('offerAnswer')}</th>
        </tr>
      </thead>
      <tbody>
        {offers.map((o, i) => (
          <tr key={i} data-status={o.status}>
            <td>{o.engineerName}</td>
            <td>{when(o.createdAt)}</td>
            <td>{when(o.expiresAt)}</td>
            <td>
              {tr('offerStatus_', o.status)}
              {o.reason ? ` — ${o.reason}` : ''}
              {o.respondedAt ? ` (${when(o.respondedAt)})` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NotificationsTable({ items }: { items: NotificationView[] }) {
  if (items.length === 0) return <View className="muted-c">{tc('noNotifications')}</View>;
  return (
    <table className="c-table" id="ticket-notifications">
      <thead>
        <tr>
          <th>{tc('offerWhen')}</th>
          <th>{tc('notificationKind')}</th>
          <th>{tc('offerWho')}</th>
          <th>{tc('colStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((n) => (
          <tr key={n.id} data-status={n.status}>
            <td>{when(n.createdAt)}</td>
            <td data-kind={n.kind}>{tr('kind_', n.kind)}</td>
            <td>
              {tr('recipient_', n.recipientType)}
              {n.recipientName ? ` · ${n.recipientName}` : n.recipientUserId ? ` #${n.recipientUserId}` : ''}
            </td>
            <td>
              {tr('notificationStatus_', n.status)}
              {n.reason ? ` — ${tr('notificationReason_', n.reason)}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
