import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Cell, CellGroup, Image } from '@nutui/nutui-react-taro';
import { assetUrl } from '../../../api/request';
import { getTrackedTicket } from '../../../api/tickets';
import { PageState } from '../../../components/PageState';
import { StatusTag } from '../../../components/StatusTag';
import { LangSwitch } from '../../../components/LangSwitch';
import { t, useLang } from '../../../i18n';
import { reporterTemplatesToAsk } from '../../../lib/reporter-subscriptions';
import { formatTime } from '../../../lib/time';
import { useLoader } from '../../../lib/use-loader';
import { useTitle } from '../../../lib/use-title';
import { NotifyMore } from './components/NotifyMore';
import { ReporterActions } from './components/ReporterActions';
import { Timeline } from './components/Timeline';
import { useReporterTemplates } from './use-reporter-templates';
import './index.css';

export function TrackPage() {
  useLang();
  useTitle('trackTitle');
  const token = useRouter().params.token ?? '';
  const loader = useLoader(async () => (await getTrackedTicket(token)).ticket, [token]);
  // Only the person who filed it gets the reporter's messages; a follower is not asked.
  const own = loader.data?.viewer === 'reporter' ? loader.data.asset.code : null;
  const wechat = useReporterTemplates(own);

  usePullDownRefresh(() => {
    void loader.reload().finally(() => Taro.stopPullDownRefresh());
  });
  // Coming back to the page (e.g. from "my requests") shows the latest status.
  useDidShow(() => {
    if (loader.data) void loader.reload();
  });

  return (
    <View className="page track">
      <View className="row"><View /><LangSwitch /></View>
      <PageState loading={loader.loading} error={loader.error} data={loader.data} onRetry={() => void loader.reload()}>
        {(ticket) => (
          <View>
            <CellGroup>
              <Cell title={t('ticketNumber')} extra={<Text id="ticket-number">{ticket.number}</Text>} />
              <Cell title={t('status')} extra={<StatusTag id="ticket-status" status={ticket.status} />} />
              <Cell title={t('assetTitle')} extra={ticket.asset.name} />
              <Cell title={t('site')} extra={[ticket.asset.site, ticket.asset.location].filter(Boolean).join(' · ')} />
              {ticket.engineer ? (
                <Cell title={t('engineer')} extra={<Text id="engineer-name">{ticket.engineer.name}</Text>} />
              ) : null}
              <Cell title={t('createdAgo')} extra={formatTime(ticket.createdAt)} />
              {ticket.respondBy ? (
                <Cell
                  title={t('respondBy')}
                  extra={<Text id="respond-by">{t('respondByPrefix')}{formatTime(ticket.respondBy)}{t('respondBySuffix')}</Text>}
                />
              ) : null}
            </CellGroup>
            <CellGroup title={t('description')}>
              <Cell><Text id="ticket-description">{ticket.description}</Text></Cell>
              {ticket.photos.length > 0 ? (
                <Cell>
                  <View className="track__photos">
                    {ticket.photos.map((url) => (
                      <Image
                        key={url}
                        src={assetUrl(url)}
                        width="80px"
                        height="80px"
                        mode="aspectFill"
                        onClick={() => void Taro.previewImage({ urls: ticket.photos.map(assetUrl), current: assetUrl(url) })}
                      />
                    ))}
                  </View>
                </Cell>
              ) : null}
            </CellGroup>
            <ReporterActions
              token={token}
              ticket={ticket}
              onUpdated={loader.setData}
              beforeReopen={() => wechat.subscribe(reporterTemplatesToAsk(wechat.loaded?.templates ?? [], 'reopened'))}
            />
            <NotifyMore status={ticket.status} wechat={wechat} />
            <Text className="section-title">{t('timeline')}</Text>
            <Timeline events={ticket.events} />
          </View>
        )}
      </PageState>
    </View>
  );
}

export default TrackPage;
