import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Image } from '@nutui/nutui-react-taro';
import type { StaffTicket } from '../../../../api/jobs';
import { assetUrl } from '../../../../api/request';
import { StatusTag } from '../../../../components/StatusTag';
import { t, useLang } from '../../../../i18n';
import { formatTime, timeAgo } from '../../../../lib/time';
import { JobBadges, mapUrl } from '../../components/JobBadges';
import '../../components/badges.css';

const isH5 = process.env.TARO_ENV === 'h5';

/** In a browser a real link to the map; WeChat opens no outside URL, so there the address is copied for the map app. */
function MapLink({ address }: { address: string }) {
  if (isH5) {
    return (
      <a id="job-map" className="job__map" href={mapUrl(address)} target="_blank" rel="noopener noreferrer">
        {t('openMap')}
      </a>
    );
  }
  return (
    <Button id="job-map" size="small" fill="outline" onClick={() => void Taro.setClipboardData({ data: address })}>
      {t('copyAddress')}
    </Button>
  );
}

function Photos({ urls }: { urls: string[] }) {
  const full = urls.map(assetUrl);
  return (
    <View className="job__photos">
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

const STATE_KEY = { running: 'slaRunning', paused: 'slaPaused', met: 'slaMet', breached: 'slaBreached' } as const;
const CLOCKS = [
  ['response', 'slaResponse'],
  ['arrival', 'slaArrival'],
  ['resolution', 'slaResolution'],
] as const;

/** The job's due times: one line per clock the tenant's SLA gives it. */
function DueTimes({ sla }: { sla: StaffTicket['sla'] }) {
  const rows = CLOCKS.flatMap(([kind, title]) => {
    const clock = sla[kind];
    return clock ? [{ kind, title, clock }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <CellGroup title={t('slaTitle')}>
      {rows.map(({ kind, title, clock }) => (
        <Cell
          key={kind}
          title={t(title)}
          extra={
            <Text id={`job-due-${kind}`} className={clock.state === 'breached' ? 'danger' : undefined}>
              {clock.dueAt ? `${formatTime(clock.dueAt)} · ` : ''}
              {t(STATE_KEY[clock.state])}
            </Text>
          }
        />
      ))}
    </CellGroup>
  );
}

/** Everything an engineer needs before going: the device, where it is, what the reporter said, whom to call. */
export function JobInfo({ job }: { job: StaffTicket }) {
  const lang = useLang();
  return (
    <>
      <CellGroup>
        <Cell title={t('ticketNumber')} extra={<Text id="job-number">{job.number}</Text>} />
        <Cell title={t('status')} extra={<StatusTag id="job-status" status={job.status} />} />
        <Cell title={t('createdAgo')} extra={<Text id="job-age">{timeAgo(job.createdAt, lang)}</Text>} />
        <Cell>
          <View id="job-badges">
            <JobBadges job={job} />
          </View>
        </Cell>
        {job.status === 'offered' && job.offerExpiresAt ? <Cell title={t('offerExpires')} extra={formatTime(job.offerExpiresAt)} /> : null}
      </CellGroup>
      <DueTimes sla={job.sla} />
      <CellGroup title={t('assetTitle')}>
        <Cell title={job.asset.name} extra={job.asset.code} />
        <Cell title={t('site')} extra={job.asset.site} />
        {job.asset.location ? <Cell title={t('location')} extra={job.asset.location} /> : null}
        {job.category ? <Cell title={t('category')} extra={job.category} /> : null}
      </CellGroup>
      {job.reopened ? (
        <CellGroup title={t('reopenedTitle')}>
          <Cell>
            <Text id="job-reopen-reason" className="job__reopen">
              {job.reopened.reason ?? t('noReasonGiven')}
            </Text>
          </Cell>
          <Cell title={t('reopenedAt')} extra={formatTime(job.reopened.at)} />
        </CellGroup>
      ) : null}
      <CellGroup title={t('reporterDescription')}>
        <Cell>
          <Text id="job-description">{job.description}</Text>
        </Cell>
        {job.photos.length > 0 ? (
          <Cell>
            <Photos urls={job.photos} />
          </Cell>
        ) : null}
      </CellGroup>
      <CellGroup title={t('contact')}>
        <Cell title={job.contactName ?? '—'} />
        {job.asset.address ? (
          <Cell>
            <Text id="job-address" className="job__address">
              {job.asset.address}
            </Text>
          </Cell>
        ) : null}
        <Cell>
          <View className="job__reach">
            {/* The server masks the number until the job is accepted: nothing to dial yet. */}
            {job.contactPhone.includes('*') ? (
              <Text className="muted">{job.contactPhone}</Text>
            ) : (
              <Button id="job-call" size="small" fill="outline" onClick={() => void Taro.makePhoneCall({ phoneNumber: job.contactPhone })}>
                {t('call')} {job.contactPhone}
              </Button>
            )}
            {job.asset.address ? <MapLink address={job.asset.address} /> : null}
          </View>
        </Cell>
      </CellGroup>
      {job.resolution ? (
        <CellGroup title={t('resolution')}>
          <Cell>
            <Text>{job.resolution.notes}</Text>
          </Cell>
          {job.resolution.photos.length > 0 ? (
            <Cell>
              <Photos urls={job.resolution.photos} />
            </Cell>
          ) : null}
        </CellGroup>
      ) : null}
    </>
  );
}
