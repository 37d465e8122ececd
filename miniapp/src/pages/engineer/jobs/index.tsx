import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, TabPane, Tabs } from '@nutui/nutui-react-taro';
import { listJobs, type JobPage, type JobTab } from '../../../api/jobs';
import { myWechatStatus } from '../../../api/wechat';
import { PageState } from '../../../components/PageState';
import { LangSwitch } from '../../../components/LangSwitch';
import { t, useLang, type MessageKey } from '../../../i18n';
import { routes } from '../../../lib/routes';
import { clearSession, getSession } from '../../../lib/session';
import { useLoader } from '../../../lib/use-loader';
import { useTitle } from '../../../lib/use-title';
import { subscribeStaff } from '../../../lib/wechat';
import { JobCard } from './components/JobCard';
import { MyShifts } from './components/MyShifts';
import './index.css';

const TABS: { value: JobTab; title: MessageKey; empty: MessageKey }[] = [
  { value: 'offered', title: 'tabOffered', empty: 'noOffered' },
  { value: 'active', title: 'tabActive', empty: 'noActive' },
  { value: 'done', title: 'tabDone', empty: 'noDone' },
];

export function JobsPage() {
  useLang();
  useTitle('engineerEntry');
  const session = getSession();
  const signedIn = session !== null;
  const [tab, setTab] = useState<JobTab>('offered');
  const [more, setMore] = useState<JobPage['items']>([]);
  const loader = useLoader(() => listJobs(tab), [tab], signedIn);
  // Templates out of credit: a message about the next job could not reach this engineer.
  const [empty, setEmpty] = useState<string[]>([]);
  const loadCredits = () => {
    if (!signedIn) return;
    void myWechatStatus().then(
      (s) => setEmpty(s.bound ? s.templates.filter((x) => x.credits === 0).map((x) => x.templateId) : []),
      () => undefined,
    );
  };
  const topUp = async () => {
    await subscribeStaff(empty);
    loadCredits();
  };

  useEffect(() => {
    if (!signedIn) void Taro.redirectTo({ url: routes.login });
  }, [signedIn]);

  const refresh = async () => {
    setMore([]);
    await loader.reload();
  };
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });
  // Back from a job (accepted, declined, resolved): the lists have changed.
  useDidShow(() => {
    loadCredits();
    if (loader.data) void refresh();
  });

  const loadMore = async (page: JobPage) => {
    const next = await listJobs(tab, page.page + 1 + Math.floor(more.length / 20));
    setMore((list) => [...list, ...next.items]);
  };

  const current = TABS.find((item) => item.value === tab) ?? TABS[0];

  const signOut = () => {
    clearSession();
    void Taro.redirectTo({ url: routes.login });
  };

  return (
    <View className="page jobs">
      <View className="row">
        <Button size="small" fill="none" id="sign-out" onClick={signOut}>
          {t('signOut')}
        </Button>
        <LangSwitch />
      </View>
      {empty.length > 0 ? (
        <Button id="wechat-subscribe" block fill="outline" type="warning" onClick={() => void topUp()}>
          {t('noCreditHint')}
        </Button>
      ) : null}
      {session?.user.role === 'engineer' ? <MyShifts engineerId={session.user.id} /> : null}
      {/* The tabs are a title bar only: NutUI translates its content strip by -index × 100 %, which moved the
          active list off-screen; one list below the titles is always in view. */}
      <Tabs
        value={tab}
        onChange={(value) => {
          setMore([]);
          setTab(value as JobTab);
        }}
      >
        {TABS.map((item) => (
          <TabPane key={item.value} value={item.value} title={t(item.title)} />
        ))}
      </Tabs>
      <PageState
        loading={loader.loading}
        error={loader.error}
        data={loader.data}
        onRetry={() => void refresh()}
        isEmpty={(page) => page.items.length === 0}
        emptyText={t(current.empty)}
      >
        {(page) => (
          <View id={`jobs-${tab}`} className="jobs__list">
            {[...page.items, ...more].map((job) => (
              <JobCard key={job.number} job={job} onOpen={() => void Taro.navigateTo({ url: routes.job(job.number) })} />
            ))}
            {page.items.length + more.length < page.total ? (
              <Button block fill="none" onClick={() => void loadMore(page)}>
                {t('loadMore')}
              </Button>
            ) : null}
          </View>
        )}
      </PageState>
    </View>
  );
}

export default JobsPage;
