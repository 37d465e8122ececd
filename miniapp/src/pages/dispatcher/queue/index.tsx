import { useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { listDeskTickets, type StaffTicket } from '../../../api/dispatch';
import { LangSwitch } from '../../../components/LangSwitch';
import { PageState } from '../../../components/PageState';
import { StatusTag } from '../../../components/StatusTag';
import { useLang } from '../../../i18n';
import { clearSession } from '../../../lib/session';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { countdown } from '../format';
import { td, type DispatcherKey } from '../i18n';
import { byExpiry, byUrgencyThenAge, secondsLeft } from '../rules';
import { dispatcherSession } from '../session';
import './index.css';

const REFRESH_MS = 20_000;

async function loadQueue() {
  const [awaiting, offered] = await Promise.all([
    listDeskTickets({ needsDispatcher: true, status: 'new,offered,reopened' }),
    listDeskTickets({ status: 'offered', needsDispatcher: false }),
  ]);
  return { awaiting: byUrgencyThenAge(awaiting), offered: byExpiry(offered) };
}

function TicketRow({ ticket, now }: { ticket: StaffTicket; now: number }) {
  const left = secondsLeft(ticket, now);
  return (
    <View
      className={`dq-row dq-row--${ticket.urgency}`}
      data-number={ticket.number}
      onClick={() => void Taro.navigateTo({ url: routes.dispatcherTicket(ticket.number) })}
    >
      <View className="dq-row__head">
        <Text className="dq-row__asset">{ticket.asset.name}</Text>
        <StatusTag status={ticket.status} />
      </View>
      <Text className="dq-row__site">
        {ticket.asset.site}
        {ticket.asset.location ? ` · ${ticket.asset.location}` : ''}
      </Text>
      <Text className="dq-row__desc">{ticket.description}</Text>
      <View className="dq-row__foot">
        <Text className="dq-row__number">{ticket.number}</Text>
        {ticket.urgency !== 'normal' ? (
          <Text className={`dq-urgency dq-urgency--${ticket.urgency}`}>{td(`urgency_${ticket.urgency}` as DispatcherKey)}</Text>
        ) : null}
        {left !== null && ticket.status === 'offered' ? (
          <Text className={`dq-row__left${left < 120 ? ' dq-row__left--soon' : ''}`} data-seconds={String(left)}>
            {ticket.engineer ? `${ticket.engineer.name} · ` : ''}
            {left > 0 ? td('expiresIn', { time: countdown(left) }) : td('expired')}
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** The phone dispatcher: what waits for a person to assign it, and the offers closest to expiring. */
export function DispatcherQueuePage() {
  useLang();
  const session = dispatcherSession();
  const queue = useLoader(loadQueue, [], session !== null);
  const [now, setNow] = useState(Date.now());
  const [visible, setVisible] = useState(true);

  useDidShow(() => {
    setVisible(true);
    if (queue.data) void queue.reload();
  });
  useDidHide(() => setVisible(false));
  usePullDownRefresh(() => {
    void queue.reload().finally(() => Taro.stopPullDownRefresh());
  });
  // The countdowns tick every second; the lists are fetched again every 20 s while the page is shown.
  useEffect(() => {
    if (!visible || !session) return undefined;
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    const poll = setInterval(() => void queue.reload(), REFRESH_MS);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, session !== null]);

  if (!session) {
    return (
      <View className="dq" id="dq-signin">
        <Text className="dq-notice">{td('notDispatcher')}</Text>
        <Button type="primary" block onClick={() => void Taro.redirectTo({ url: routes.login })}>
          {td('signOut')}
        </Button>
      </View>
    );
  }

  return (
    <View className="dq" id="dq">
      <View className="dq-bar">
        <Text className="dq-bar__user">{session.user.name}</Text>
        <LangSwitch />
        <Button size="small" fill="none" onClick={() => void queue.reload()}>
          {td('refresh')}
        </Button>
        <Button
          size="small"
          fill="none"
          id="dq-sign-out"
          onClick={() => {
            clearSession();
            void Taro.reLaunch({ url: routes.login });
          }}
        >
          {td('signOut')}
        </Button>
      </View>
      <PageState loading={queue.loading} error={queue.error} data={queue.data} onRetry={() => void queue.reload()}>
        {(q) => (
          <View>
            <View className="dq-section dq-section--alert" id="dq-awaiting" data-count={String(q.awaiting.length)}>
              <Text className="dq-section__title">
                {td('awaiting')} ({q.awaiting.length})
              </Text>
              <Text className="dq-section__hint">{td('awaitingHint')}</Text>
              {q.awaiting.length === 0 ? (
                <Text className="dq-empty">{td('noneAwaiting')}</Text>
              ) : (
                q.awaiting.map((t) => <TicketRow key={t.number} ticket={t} now={now} />)
              )}
            </View>
            <View className="dq-section" id="dq-offered" data-count={String(q.offered.length)}>
              <Text className="dq-section__title">
                {td('expiring')} ({q.offered.length})
              </Text>
              <Text className="dq-section__hint">{td('expiringHint')}</Text>
              {q.offered.length === 0 ? (
                <Text className="dq-empty">{td('noneExpiring')}</Text>
              ) : (
                q.offered.map((t) => <TicketRow key={t.number} ticket={t} now={now} />)
              )}
            </View>
          </View>
        )}
      </PageState>
    </View>
  );
}

export default DispatcherQueuePage;
