import { View, Text } from '@tarojs/components';
import type { StaffTicket } from '../../../api/jobs';
import { t, type MessageKey } from '../../../i18n';

const URGENCY_LABEL: Record<StaffTicket['urgency'], MessageKey> = { low: 'urgencyLow', normal: 'urgencyNormal', high: 'urgencyHigh' };

/** Urgency, and 返修 once the reporter has reopened the job: the two things that change which job goes first. */
export function JobBadges({ job }: { job: StaffTicket }) {
  return (
    <View className="job-badges">
      <Text className={`job-badge job-badge--${job.urgency}`} data-urgency={job.urgency}>
        {t('urgency')} · {t(URGENCY_LABEL[job.urgency])}
      </Text>
      {job.reopened ? (
        <Text className="job-badge job-badge--rework" data-rework={job.reopened.count}>
          {t('rework')}
        </Text>
      ) : null}
    </View>
  );
}

/** A map search for the site's address: a plain URL that opens in any phone browser or map app. */
export function mapUrl(address: string): string {
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;
}
