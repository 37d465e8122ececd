import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, ResultPage } from '@nutui/nutui-react-taro';
import { t, useLang } from '../../../i18n';
import { routes } from '../../../lib/routes';
import { useTitle } from '../../../lib/use-title';
import './index.css';

export function SuccessPage() {
  useLang();
  useTitle('successTitle');
  const { number = '', token = '' } = useRouter().params;
  return (
    <View className="page success">
      <ResultPage
        status="success"
        title={t('successTitle')}
        description={
          <View className="success__body">
            <Text className="muted">{t('ticketNumber')}</Text>
            <Text id="ticket-number" className="success__number">{number}</Text>
            <Text className="muted">{t('successHint')}</Text>
          </View>
        }
      />
      <View className="actions">
        <Button id="to-track" type="primary" block onClick={() => void Taro.redirectTo({ url: routes.track(token) })}>
          {t('track')}
        </Button>
        <Button block onClick={() => void Taro.reLaunch({ url: routes.home })}>{t('backHome')}</Button>
      </View>
    </View>
  );
}

export default SuccessPage;
