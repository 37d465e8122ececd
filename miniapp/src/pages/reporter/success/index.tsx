import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, ResultPage } from '@nutui/nutui-react-taro';
import { t, useLang } from '../../../i18n';
import { findMyRequest } from '../../../lib/my-requests';
import { reporterTemplatesToAsk } from '../../../lib/reporter-subscriptions';
import { routes } from '../../../lib/routes';
import { useTitle } from '../../../lib/use-title';
import { loadReporterTemplates, subscribeReporter, type ReporterTemplates } from '../../../lib/wechat';
import './index.css';

export function SuccessPage() {
  useLang();
  useTitle('successTitle');
  const { number = '', token = '' } = useRouter().params;
  // Loaded now, so the tap below asks WeChat at once (the subscription dialog must open inside the tap).
  const [templates, setTemplates] = useState<ReporterTemplates | null>(null);
  const [subscribed, setSubscribed] = useState(false);
  useEffect(() => {
    const mine = findMyRequest(number);
    if (mine) void loadReporterTemplates(mine.assetCode).then(setTemplates);
  }, [number]);

  // WeChat asks for three at most: the first messages of the repair now, "closed" on the tracking page later.
  const ask = templates ? reporterTemplatesToAsk(templates.templates, 'new') : [];

  const notifyMe = async () => {
    if (templates && (await subscribeReporter(templates, ask))) {
      setSubscribed(true);
      void Taro.showToast({ title: t('notifyOn'), icon: 'success' });
    }
  };

  return (
    <View className="page success">
      <ResultPage
        status="success"
        title={t('successTitle')}
        description={
          <View className="success__body">
            <Text className="muted">{t('ticketNumber')}</Text>
            <Text id="ticket-number" className="success__number">
              {number}
            </Text>
            <Text className="muted">{t('successHint')}</Text>
          </View>
        }
      />
      <View className="actions">
        {ask.length > 0 && !subscribed ? (
          <Button id="notify-me" type="success" block onClick={() => void notifyMe()}>
            {t('notifyMe')}
          </Button>
        ) : null}
        {ask.length > 0 || subscribed ? <Text className="muted">{subscribed ? t('notifyOn') : t('notifyHint')}</Text> : null}
        <Button id="to-track" type="primary" block onClick={() => void Taro.redirectTo({ url: routes.track(token) })}>
          {t('track')}
        </Button>
        <Button block onClick={() => void Taro.reLaunch({ url: routes.home })}>
          {t('backHome')}
        </Button>
      </View>
    </View>
  );
}

export default SuccessPage;
