import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Cell, CellGroup, Empty } from '@nutui/nutui-react-taro';
import { Tips } from '@nutui/icons-react-taro';
import type { TicketStatus } from '@baoxiu/shared';
import { getTrackedTicket } from '../../../api/tickets';
import { StatusTag } from '../../../components/StatusTag';
import { t, useLang } from '../../../i18n';
import { findMyRequest, listMyRequests, rememberRequest, type MyRequest } from '../../../lib/my-requests';
import { clearReporterSession, ensureReporterSession } from '../../../lib/wechat';
import { asApiError } from '../../../api/errors';
import { myRemoteTickets } from '../../../api/wechat';
import { routes } from '../../../lib/routes';
import { formatTime } from '../../../lib/time';
import { useTitle } from '../../../lib/use-title';

type Statuses = Record<string, TicketStatus>;

/** Signed in with WeChat: requests filed on other devices join this device's list. */
async function mergeRemote(): Promise<void> {
  const session = await ensureReporterSession();
  const remote = session
    ? await myRemoteTickets(session.token).catch((e: unknown) => {
        if (asApiError(e).status === 401) clearReporterSession();
        return null;
      })
    : null;
  for (const r of [...(remote?.items ?? [])].reverse()) {
    if (!findMyRequest(r.number)) {
      rememberRequest({
        number: r.number,
        trackingToken: r.trackingToken,
        assetCode: r.asset.code,
        assetName: r.asset.name,
        createdAt: r.createdAt,
      });
    }
  }
}

/** Requests filed or followed on this device (kept in local storage: reporters have no account). */
export function MinePage() {
  useLang();
  useTitle('myRequests');
  const [items, setItems] = useState<MyRequest[]>(() => listMyRequests());
  const [statuses, setStatuses] = useState<Statuses>({});

  const refresh = async () => {
    await mergeRemote();
    const list = listMyRequests();
    setItems(list);
    // Only tracked ones can be refreshed; a failure leaves that row without a status instead of failing the list.
    const results = await Promise.allSettled(
      list.slice(0, 20).flatMap((r) => (r.trackingToken ? [getTrackedTicket(r.trackingToken)] : [])),
    );
    const next: Statuses = {};
    for (const result of results) {
      if (result.status === 'fulfilled') next[result.value.ticket.number] = result.value.ticket.status;
    }
    setStatuses(next);
  };

  useDidShow(() => void refresh());
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  if (items.length === 0) {
    return (
      <View className="page" id="mine-empty">
        <Empty image={<Tips size={64} color="#c8c9cc" />} description={t('mineEmpty')} />
      </View>
    );
  }
  return (
    <View className="page">
      <CellGroup>
        {items.map((item) => (
          <Cell
            key={item.number}
            className="mine-item"
            clickable={Boolean(item.trackingToken)}
            title={item.number}
            description={
              <View>
                <Text>{item.assetName}</Text>
                <Text className="muted"> · {formatTime(item.createdAt)}</Text>
              </View>
            }
            extra={statuses[item.number] ? <StatusTag status={statuses[item.number]} /> : null}
            onClick={() => item.trackingToken && void Taro.navigateTo({ url: routes.track(item.trackingToken) })}
          />
        ))}
      </CellGroup>
    </View>
  );
}

export default MinePage;
