import { View, Text } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import type { StaffTicket } from '../../../../api/jobs';
import { StatusTag } from '../../../../components/StatusTag';
import { t, useLang } from '../../../../i18n';
import { timeAgo } from '../../../../lib/time';
import { JobBadges } from '../../components/JobBadges';
import '../../components/badges.css';

/** One job in the list: where, what, how long ago. */
export function JobCard({ job, onOpen }: { job: StaffTicket; onOpen: () => void }) {
  const lang = useLang();
  return (
    <Cell className="job-card" clickable onClick={onOpen}>
      <View className="job-card__body" data-number={job.number}>
        <View className="row">
          <Text className="job-card__number">{job.number}</Text>
          <StatusTag status={job.status} />
        </View>
        <JobBadges job={job} />
        <Text className="job-card__asset">{job.asset.name}</Text>
        <Text className="muted">{[job.asset.site, job.asset.location].filter(Boolean).join(' · ')}</Text>
        {job.reopened?.reason ? (
          <Text className="job-card__reopen">
            {t('reopenedBecause')}
            {job.reopened.reason}
          </Text>
        ) : null}
        <Text className="job-card__desc">{job.description}</Text>
        <Text className="muted">{timeAgo(job.createdAt, lang)}</Text>
      </View>
    </Cell>
  );
}
