import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { NoticeBar } from '@nutui/nutui-react-taro';
import { acceptJob, arriveJob, declineJob, getJob, resumeJob, travelJob, waitCustomerJob, type StaffTicket } from '../../../api/jobs';
import { asApiError, showError } from '../../../api/errors';
import { myWechatStatus } from '../../../api/wechat';
import { PageState } from '../../../components/PageState';
import { t, useLang } from '../../../i18n';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { useTitle } from '../../../lib/use-title';
import { subscribeStaff } from '../../../lib/wechat';
import { JobActions, type JobAction } from './components/JobActions';
import { JobInfo } from './components/JobInfo';
import { JobKb } from './components/JobKb';
import { JobQuote } from './components/JobQuote';
import './index.css';

function backToList(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: routes.jobs });
}

export function JobPage() {
  useLang();
  useTitle('jobTitle');
  const number = useRouter().params.number ?? '';
  const loader = useLoader(() => getJob(number), [number]);
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState(false);
  const [templateIds, setTemplateIds] = useState<string[]>([]);
  useEffect(() => {
    void myWechatStatus().then(
      (s) => setTemplateIds(s.bound ? s.templates.map((x) => x.templateId) : []),
      () => undefined,
    );
  }, []);

  usePullDownRefresh(() => {
    void loader.reload().finally(() => Taro.stopPullDownRefresh());
  });
  // Back from the resolve page: show the new status.
  useDidShow(() => {
    if (loader.data) void loader.reload();
  });

  const run = async (call: () => Promise<StaffTicket>, leaveAfter = false) => {
    setBusy(true);
    try {
      loader.setData(await call());
      void Taro.showToast({ title: t('done'), icon: 'success' });
      if (leaveAfter) backToList();
    } catch (caught) {
      const error = asApiError(caught);
      if (error.code === 'OFFER_TAKEN') {
        // A colleague won the race: say so in words, then show the refreshed list.
        setTaken(true);
        void Taro.showToast({ title: t('takenByColleague'), icon: 'none', duration: 2000 });
        setTimeout(backToList, 1500);
      } else {
        showError(error);
        if (error.code === 'ILLEGAL_TRANSITION' || error.code === 'CONFLICT') void loader.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  const onAction = (action: JobAction, reason?: string) => {
    if (busy) return;
    // Accepting is a natural tap to ask for more job messages (one accept in WeChat's dialog = one message).
    if (action === 'accept') void subscribeStaff(templateIds).finally(() => void run(() => acceptJob(number)));
    else if (action === 'decline') void run(() => declineJob(number, { reason: reason ?? '' }), true);
    else if (action === 'travel') void run(() => travelJob(number));
    else if (action === 'arrive') void run(() => arriveJob(number));
    else if (action === 'wait_customer') void run(() => waitCustomerJob(number));
    else if (action === 'resume') void run(() => resumeJob(number));
    else void Taro.navigateTo({ url: routes.resolve(number) });
  };

  return (
    <View className="page job">
      {taken ? (
        <View id="taken-notice">
          <NoticeBar content={t('takenByColleague')} />
        </View>
      ) : null}
      <PageState loading={loader.loading} error={loader.error} data={loader.data} onRetry={() => void loader.reload()}>
        {(job) => (
          <View>
            <JobInfo job={job} />
            <JobActions job={job} busy={busy} onAction={onAction} />
            <JobQuote job={job} onSent={() => void loader.reload()} />
            <JobKb job={job} />
          </View>
        )}
      </PageState>
    </View>
  );
}

export default JobPage;
