import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Cell, CellGroup, Image } from '@nutui/nutui-react-taro';
import { assetUrl } from '../../../api/request';
import { getTrackedTicket } from '../../../api/tickets';
import { ReportLink } from './components/ReportLink';
import { NotFound } from '../../../components/NotFound';
import { PageState } from '../../../components/PageState';
import { StatusTag } from '../../../components/StatusTag';
import { LangSwitch } from '../../../components/LangSwitch';
import { t, useLang, type MessageKey } from '../../../i18n';
import type { TicketStatus } from '@baoxiu/shared';
import { reporterTemplatesToAsk } from '../../../lib/reporter-subscriptions';
import { formatTime } from '../../../lib/time';
import { useLoader } from '../../../lib/use-loader';
import { usePolling } from '../../../lib/use-polling';
import { useTitle } from '../../../lib/use-title';
import { NotifyMore } from './components/NotifyMore';
import { ReporterActions } from './components/ReporterActions';
import { Timeline } from './components/Timeline';
import { UrgeButton } from './components/UrgeButton';
import { QuoteCard } from './components/QuoteCard';

/** How often an open tracking page asks for news: a status changes in minutes, not seconds. */
const POLL_MS = 10_000;
const FINAL = new Set(['closed', 'cancelled']);

function Photos({ id, urls }: { id: string; urls: string[] }) {
  const full = urls.map(assetUrl);
  return (
    <View className="track__photos" id={id}>
      {full.map((url) => (
        <Image
          key={url}
          src={url}
          width="80px"
          height="80px"
          mode="aspectFill"
          onClick={() => void Taro.previewImage({ urls: full, current: url })}
        />
      ))}
    </View>
  );
}
import { useReporterTemplates } from './use-reporter-templates';
import './index.css';

/** What a status means for the reporter, where the label alone leaves them guessing. */
const STATUS_HINT: Partial<Record<TicketStatus, MessageKey>> = {
  new: 'hintNew',
  offered: 'hintOffered',
  reopened: 'hintReopened',
  resolved: 'hintResolved',
};

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
  // While open, the page follows the repair by itself; a finished one (closed, cancelled) no longer changes.
  const status = loader.data?.status;
  usePolling(() => (loader.loading ? undefined : loader.reload()), POLL_MS, status !== undefined && !FINAL.has(status));
  // Coming back to the page (e.g. from "my requests") shows the latest status.
  useDidShow(() => {
    if (loader.data) void loader.reload();
  });

  return (
    <View className="page track">
      <View className="row">
        <View />
        <LangSwitch />
      </View>
      {loader.error?.code === 'TICKET_NOT_FOUND' || loader.error?.code === 'VALIDATION_FAILED' ? (
        <NotFound what="notFoundTicket" />
      ) : (
        <PageState loading={loader.loading} error={loader.error} data={loader.data} onRetry={() => void loader.reload()}>
          {(ticket) => (
            <View>
              <CellGroup>
                <Cell title={t('ticketNumber')} extra={<Text id="ticket-number">{ticket.number}</Text>} />
                <Cell title={t('status')} extra={<StatusTag id="ticket-status" status={ticket.status} />} />
                {STATUS_HINT[ticket.status] ? (
                  <Cell>
                    <Text className="track__hint" id="status-hint">
                      {t(STATUS_HINT[ticket.status] as MessageKey)}
                    </Text>
                  </Cell>
                ) : null}
                <Cell title={t('assetTitle')} extra={ticket.asset.name} />
                <Cell title={t('site')} extra={[ticket.asset.site, ticket.asset.location].filter(Boolean).join(' · ')} />
                {ticket.engineer ? <Cell title={t('engineer')} extra={<Text id="engineer-name">{ticket.engineer.name}</Text>} /> : null}
                <Cell title={t('createdAgo')} extra={formatTime(ticket.createdAt)} />
                {ticket.respondBy ? (
                  <Cell
                    title={t('respondBy')}
                    extra={
                      <Text id="respond-by">
                        {t('respondByPrefix')}
                        {formatTime(ticket.respondBy)}
                        {t('respondBySuffix')}
                      </Text>
                    }
                  />
                ) : null}
              </CellGroup>
              <CellGroup title={t('description')}>
                <Cell>
                  <Text id="ticket-description">{ticket.description}</Text>
                </Cell>
                {ticket.photos.length > 0 ? (
                  <Cell>
                    <Photos id="ticket-photos" urls={ticket.photos} />
                  </Cell>
                ) : null}
              </CellGroup>
              {ticket.resolutionPhotos.length > 0 ? (
                <CellGroup title={t('afterRepairPhotos')}>
                  <Cell>
                    <Photos id="resolution-photos" urls={ticket.resolutionPhotos} />
                  </Cell>
                </CellGroup>
              ) : null}
              <Cell title={t('coverageTitle')} extra={<Text id="ticket-coverage">{t(`coverage_${ticket.coverage}` as MessageKey)}</Text>} />
              <QuoteCard token={token} ticket={ticket} onAnswered={() => void loader.reload()} />
              {ticket.viewer === 'reporter' && (ticket.status === 'resolved' || ticket.status === 'closed') ? (
                <ReportLink token={token} />
              ) : null}
              <UrgeButton token={token} ticket={ticket} onUpdated={loader.setData} />
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
      )}
    </View>
  );
}

export default TrackPage;
