import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CANCEL_REASON_LABELS, URGENCIES, type CancelReasonCode, type DeskTicketChange } from '@baoxiu/shared';
import {
  addNote,
  assignTicket,
  cancelTicket,
  changeUrgency,
  getDeskTicket,
  getTicketNotifications,
  redispatchTicket,
  type EngineerChoice,
} from '../../../api/desk';
import { asApiError } from '../../../api/errors';
import { PageState } from '../../../components/PageState';
import { StatusTag } from '../../../components/StatusTag';
import { getLang, tc, useLang } from '../../../i18n/console';
import { useDeskLive } from '../../../lib/desk-live';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, goBackOr } from '../components/ConsoleShell';
import { GROUP_LABEL, URGENCY_LABEL } from '../tickets/desk';
import { AssignDialog } from './components/AssignDialog';
import { PhotoViewer } from './components/PhotoViewer';
import { DESK_QUOTABLE, QuotePanel } from './components/QuotePanel';
import { NotificationsTable, OffersTable, Timeline } from './components/Timeline';
import './index.css';

const ASSIGNABLE = new Set(['new', 'reopened', 'offered', 'accepted', 'en_route', 'on_site']);
const CANCELLABLE = new Set(['new', 'offered', 'accepted', 'en_route', 'on_site', 'reopened', 'waiting_customer']);

/** One ticket for the dispatcher: everything known about it, and the actions, with their errors inline. */
export function ConsoleTicketPage() {
  useLang();
  const { params } = useRouter();
  const number = params.number ?? '';
  const detail = useLoader(() => getDeskTicket(number), [number]);
  const notifications = useLoader(() => getTicketNotifications(number), [number]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [picking, setPicking] = useState(false);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [cancelCode, setCancelCode] = useState<CancelReasonCode | ''>('');

  const refresh = useCallback(() => {
    void detail.reload();
    void notifications.reload();
  }, [detail, notifications]);
  useDeskLive((change: DeskTicketChange) => {
    if (change.number === number) refresh();
  }, refresh);

  const run = async (work: () => Promise<unknown>, after?: () => void) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await work();
      after?.();
      setMessage({ ok: true, text: tc('actionDone') });
      refresh();
    } catch (caught) {
      setMessage({ ok: false, text: asApiError(caught).message });
    } finally {
      setBusy(false);
    }
  };
  const pick = (e: EngineerChoice) =>
    void run(
      () => assignTicket(number, e.id),
      () => setPicking(false),
    );
  const cancel = () => {
    if (!reason.trim()) {
      setMessage({ ok: false, text: tc('cancelReasonRequired') });
      return;
    }
    const quotes = detail.data?.quotes ?? [];
    const refusedNow = quotes[quotes.length - 1]?.status === 'rejected';
    void run(
      () => cancelTicket(number, reason.trim(), refusedNow && cancelCode ? cancelCode : undefined),
      () => {
        setReason('');
        setCancelCode('');
      },
    );
  };
  const saveNote = () => {
    if (!note.trim()) {
      setMessage({ ok: false, text: tc('noteRequired') });
      return;
    }
    void run(
      () => addNote(number, note.trim()),
      () => setNote(''),
    );
  };

  const back = (
    <Button id="ticket-back" size="small" fill="none" onClick={() => goBackOr(routes.consoleTickets)}>
      {tc('backToDesk')}
    </Button>
  );
  return (
    <ConsoleShell section="tickets" title={`${tc('ticketTitle')} ${number}`} actions={back}>
      <PageState
        loading={detail.loading && !detail.data}
        error={detail.data ? null : detail.error}
        data={detail.data}
        onRetry={() => void detail.reload()}
      >
        {(d) => {
          const t = d.ticket;
          const latestQuote = d.quotes[d.quotes.length - 1] ?? t.quote ?? null;
          // "报价被拒" is offered only when the customer rejected the latest version (the server's rule: 409 QUOTE_NOT_REFUSED).
          const refused = latestQuote?.status === 'rejected';
          const code = refused ? cancelCode : '';
          return (
            <View className="t-layout" id="ticket-detail" data-status={t.status} data-group={d.group}>
              <View className="t-main">
                <View className="panel t-head">
                  <StatusTag status={t.status} id="ticket-status" />
                  <span className={`badge urgency urgency--${t.urgency}`} id="ticket-urgency">
                    {tc(URGENCY_LABEL[t.urgency])}
                  </span>
                  <span className={`badge${d.group === 'awaiting_dispatcher' ? ' badge--error' : ' badge--info'}`} id="ticket-group">
                    {tc(GROUP_LABEL[d.group])}
                  </span>
                  {t.engineer ? (
                    <Text id="ticket-engineer">
                      {tc('colEngineer')}: {t.engineer.name}
                    </Text>
                  ) : null}
                </View>
                <View className="panel">
                  <View className="kv">
                    <span className="kv__key">{tc('sectionAsset')}</span>
                    <span id="ticket-asset">
                      {t.asset.name} <span className="mono muted-c">{t.asset.code}</span>
                      {t.asset.location ? ` · ${t.asset.location}` : ''}
                    </span>
                  </View>
                  <View className="kv">
                    <span className="kv__key">{tc('sectionSite')}</span>
                    <span id="ticket-site">
                      {d.site.name}
                      {d.site.address ? ` · ${d.site.address}` : ''}
                    </span>
                  </View>
                  <View className="kv">
                    <span className="kv__key">{tc('sectionReporter')}</span>
                    <span id="ticket-contact">
                      {t.contactName ?? ''}{' '}
                      <a className="c-link" href={`tel:${t.contactPhone}`}>
                        {t.contactPhone}
                      </a>
                    </span>
                  </View>
                  <View className="kv">
                    <span className="kv__key">{tc('sectionDescription')}</span>
                    <span id="ticket-description" className="t-description">
                      {t.description}
                    </span>
                  </View>
                  {t.resolution ? (
                    <View className="kv">
                      <span className="kv__key">{tc('groupResolved')}</span>
                      <span>{t.resolution.notes}</span>
                    </View>
                  ) : null}
                </View>
                <View className="panel">
                  <View className="panel__title">{tc('sectionPhotos')}</View>
                  <PhotoViewer id="photos-reporter" title={tc('reporterPhotos')} photos={t.photos} />
                  <PhotoViewer id="photos-engineer" title={tc('engineerPhotos')} photos={t.resolution?.photos ?? []} />
                </View>
                {t.coverage === 'chargeable' || d.quotes.length > 0 ? (
                  <QuotePanel
                    number={number}
                    quotes={d.quotes}
                    canQuote={t.coverage === 'chargeable' && DESK_QUOTABLE.has(t.status)}
                    onSent={refresh}
                  />
                ) : null}
                <View className="panel">
                  <View className="panel__title">{tc('sectionTimeline')}</View>
                  <Timeline events={d.events} />
                </View>
                <View className="panel">
                  <View className="panel__title">{tc('sectionOffers')}</View>
                  <OffersTable offers={d.offers} />
                </View>
                <View className="panel">
                  <View className="panel__title">{tc('sectionNotifications')}</View>
                  {notifications.error ? (
                    <View className="notice notice--error">{notifications.error.message}</View>
                  ) : (
                    <NotificationsTable items={notifications.data ?? []} />
                  )}
                </View>
                <View className="panel" id="ticket-rating">
                  <View className="panel__title">{tc('sectionRating')}</View>
                  {d.rating ? (
                    <View>
                      {'★'.repeat(d.rating.score)}
                      {'☆'.repeat(5 - d.rating.score)} {d.rating.comment ?? ''}
                    </View>
                  ) : (
                    <View className="muted-c">{tc('noRating')}</View>
                  )}
                </View>
              </View>
              <View className="t-side panel" id="ticket-actions">
                {message ? (
                  <View className={`notice ${message.ok ? 'notice--ok' : 'notice--error'}`} id="ticket-message" role="status">
                    {message.text}
                  </View>
                ) : null}
                {ASSIGNABLE.has(t.status) ? (
                  <Button id="action-assign" type="primary" block disabled={busy} onClick={() => setPicking(true)}>
                    {tc(t.engineer || t.status === 'offered' ? 'actionReassign' : 'actionAssign')}
                  </Button>
                ) : null}
                {['new', 'reopened', 'offered'].includes(t.status) ? (
                  <Button id="action-redispatch" block disabled={busy} onClick={() => void run(() => redispatchTicket(number))}>
                    {tc('actionRedispatch')}
                  </Button>
                ) : null}
                {CANCELLABLE.has(t.status) ? (
                  <label className="t-field">
                    {tc('changeUrgency')}
                    <select
                      id="action-urgency"
                      className="c-select"
                      value={t.urgency}
                      disabled={busy}
                      onChange={(e) => {
                        const next = URGENCIES.find((u) => u === e.target.value);
                        if (next) void run(() => changeUrgency(number, next));
                      }}
                    >
                      {URGENCIES.map((u) => (
                        <option key={u} value={u}>
                          {tc(URGENCY_LABEL[u])}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null}
                <label className="t-field">
                  {tc('actionNote')}
                  <textarea
                    id="action-note-text"
                    className="c-textarea"
                    value={note}
                    maxLength={1000}
                    placeholder={tc('notePlaceholder')}
                    onChange={(e) => setNote(e.target.value)}
                  />
                </label>
                <Button id="action-note" block disabled={busy} onClick={saveNote}>
                  {tc('actionNote')}
                </Button>
                {CANCELLABLE.has(t.status) ? (
                  <>
                    {refused ? (
                      <label className="t-field">
                        {tc('cancelCode')}
                        <select
                          id="action-cancel-code"
                          className="c-select"
                          value={code}
                          disabled={busy}
                          onChange={(e) => {
                            const next = e.target.value === 'quote_refused' ? 'quote_refused' : '';
                            setCancelCode(next);
                            if (next && !reason.trim()) setReason(CANCEL_REASON_LABELS.quote_refused[getLang() === 'en' ? 'en' : 'zh']);
                          }}
                        >
                          <option value="">{tc('cancelCodeOther')}</option>
                          <option value="quote_refused">{tc('cancelCodeQuoteRefused')}</option>
                        </select>
                      </label>
                    ) : null}
                    <label className="t-field">
                      {tc('cancelReason')}
                      <input
                        id="action-cancel-reason"
                        className="c-input"
                        value={reason}
                        maxLength={500}
                        onChange={(e) => setReason(e.target.value)}
                      />
                    </label>
                    <Button id="action-cancel" className="c-btn-danger" block disabled={busy} onClick={cancel}>
                      {tc('actionCancel')}
                    </Button>
                  </>
                ) : null}
              </View>
              {picking ? <AssignDialog number={number} busy={busy} onPick={pick} onClose={() => setPicking(false)} /> : null}
            </View>
          );
        }}
      </PageState>
    </ConsoleShell>
  );
}

export default ConsoleTicketPage;
