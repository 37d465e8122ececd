import { useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EVENT_TYPES, type TicketEventType } from '@baoxiu/shared';
import { asApiError } from '../../../api/errors';
import { assignDeskTicket, getDeskTicket, listDeskEngineers } from '../../../api/dispatch';
import { PageState } from '../../../components/PageState';
import { StatusTag } from '../../../components/StatusTag';
import { getLang, useLang } from '../../../i18n';
import { eventLabel } from '../../../i18n/events';
import { formatTime } from '../../../lib/time';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { countdown } from '../format';
import { td, type DispatcherKey } from '../i18n';
import { rankEngineers, secondsLeft } from '../rules';
import { dispatcherSession } from '../session';
import './index.css';

const isEventType = (type: string): type is TicketEventType => (EVENT_TYPES as readonly string[]).includes(type);

/** One ticket on the phone: what, where, who to call, its history; assign or reassign it to an engineer. */
export function DispatcherTicketPage() {
  useLang();
  const number = useRouter().params.number ?? '';
  const session = dispatcherSession();
  const detail = useLoader(() => getDeskTicket(number), [number], session !== null && number !== '');
  const engineers = useLoader(listDeskEngineers, [], session !== null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const ranked = useMemo(
    () => (detail.data && engineers.data ? rankEngineers(engineers.data, detail.data.ticket) : []),
    [detail.data, engineers.data],
  );

  if (!session) {
    void Taro.redirectTo({ url: routes.login });
    return <View className="dt" />;
  }

  const assign = async () => {
    const target = ranked.find((f) => f.engineer.id === chosen)?.engineer;
    if (!target || busy) return;
    setBusy(true);
    setError('');
    try {
      await assignDeskTicket(number, target.id);
      void Taro.showToast({ title: td('assigned', { name: target.name }), icon: 'success' });
      setChosen(null);
      await Promise.all([detail.reload(), engineers.reload()]);
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="dt" id="dt">
      <PageState loading={detail.loading} error={detail.error} data={detail.data} onRetry={() => void detail.reload()}>
        {({ ticket, events }) => {
          const left = secondsLeft(ticket, Date.now());
          const target = ranked.find((f) => f.engineer.id === chosen)?.engineer;
          return (
            <View>
              <View
                className="dt-card"
                id="dt-ticket"
                data-status={ticket.status}
                data-engineer={ticket.engineer ? String(ticket.engineer.id) : ''}
              >
                <View className="dt-card__head">
                  <Text className="dt-number">{ticket.number}</Text>
                  <StatusTag status={ticket.status} id="dt-status" />
                </View>
                {ticket.needsDispatcher ? (
                  <Text className="dt-alert" id="dt-awaiting">
                    {td('awaitingHint')}
                  </Text>
                ) : null}
                <Text className="dt-asset">{ticket.asset.name}</Text>
                <Text className="dt-line">
                  {td('site')}：{ticket.asset.site}
                  {ticket.asset.location ? ` · ${ticket.asset.location}` : ''}
                </Text>
                <Text className="dt-line">
                  {td('description')}：{ticket.description}
                </Text>
                {ticket.urgency !== 'normal' ? (
                  <Text className={`dt-urgency dt-urgency--${ticket.urgency}`}>{td(`urgency_${ticket.urgency}` as DispatcherKey)}</Text>
                ) : null}
                <View className="dt-contact">
                  <Text className="dt-line">
                    {td('contact')}：{ticket.contactName ?? ''} {ticket.contactPhone}
                  </Text>
                  <Button size="small" onClick={() => void Taro.makePhoneCall({ phoneNumber: ticket.contactPhone }).catch(() => undefined)}>
                    {td('call')}
                  </Button>
                </View>
                <Text className="dt-line">
                  {td('engineer')}：{ticket.engineer?.name ?? td(ticket.status === 'offered' ? 'waitingAccept' : 'noEngineer')}
                  {left !== null && ticket.status === 'offered'
                    ? ` · ${left > 0 ? td('expiresIn', { time: countdown(left) }) : td('expired')}`
                    : ''}
                </Text>
              </View>

              <View className="dt-card" id="dt-engineers">
                <Text className="dt-title">{td('pickEngineer')}</Text>
                {engineers.data && engineers.data.length === 0 ? <Text className="dt-muted">{td('noEngineers')}</Text> : null}
                {ranked.map(({ engineer, hasSkill, coversSite }) => (
                  <View
                    key={engineer.id}
                    className={`dt-eng${chosen === engineer.id ? ' dt-eng--chosen' : ''}${engineer.onDutyNow ? '' : ' dt-eng--off'}`}
                    data-id={String(engineer.id)}
                    onClick={() => setChosen(engineer.id)}
                  >
                    <View className="dt-eng__head">
                      <Text className="dt-eng__name">
                        {engineer.name}
                        {ticket.engineer?.id === engineer.id ? ' ✓' : ''}
                      </Text>
                      <Text className={`dt-badge${engineer.onDutyNow ? ' dt-badge--ok' : ''}`}>
                        {td(engineer.onDutyNow ? 'onDuty' : 'offDuty')}
                      </Text>
                      <Text className="dt-badge">{td('openJobs', { n: engineer.openJobs })}</Text>
                    </View>
                    <Text className="dt-muted">
                      {engineer.skills.length > 0 ? engineer.skills.join('、') : td('anySkill')}
                      {hasSkill ? '' : ` · ${td('noSkill')}`}
                      {coversSite ? '' : ` · ${td('noSite')}`}
                    </Text>
                  </View>
                ))}
                {error ? (
                  <Text className="dt-error" id="dt-error">
                    {error}
                  </Text>
                ) : null}
              </View>

              <View className="dt-card">
                <Text className="dt-title">{td('timeline')}</Text>
                {[...events].reverse().map((e, i) => (
                  <View key={`${e.at}-${i}`} className="dt-event" data-type={e.type}>
                    <Text className="dt-event__what">{isEventType(e.type) ? eventLabel(e.type, getLang()) : e.type}</Text>
                    <Text className="dt-muted">
                      {formatTime(e.at)}
                      {e.note ? ` · ${e.note}` : ''}
                    </Text>
                  </View>
                ))}
              </View>

              <View className="dt-actions">
                <Button id="dt-queue" fill="outline" onClick={() => void Taro.redirectTo({ url: routes.dispatcher })}>
                  {td('backToQueue')}
                </Button>
                <Button id="dt-assign" type="primary" disabled={!target} loading={busy} onClick={() => void assign()}>
                  {target ? td(ticket.engineer ? 'reassign' : 'assign', { name: target.name }) : td('pickEngineer')}
                </Button>
              </View>
            </View>
          );
        }}
      </PageState>
    </View>
  );
}

export default DispatcherTicketPage;
