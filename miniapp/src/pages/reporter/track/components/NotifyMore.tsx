import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { TicketStatus } from '@baoxiu/shared';
import { t } from '../../../../i18n';
import { reporterTemplatesToAsk } from '../../../../lib/reporter-subscriptions';
import type { ReporterTemplatesState } from '../use-reporter-templates';

/**
 * WeChat asks for three templates at a time, so filing a request leaves "closed" (and any refused one) out:
 * this second tap asks for what the ticket can still produce and has no credit. Only in WeChat.
 */
export function NotifyMore({ status, wechat }: { status: TicketStatus; wechat: ReporterTemplatesState }) {
  const ask = wechat.loaded ? reporterTemplatesToAsk(wechat.loaded.templates, status) : [];
  if (ask.length === 0) return null;

  const tap = async () => {
    if (await wechat.subscribe(ask)) void Taro.showToast({ title: t('notifyOn'), icon: 'success' });
  };

  return (
    <View className="actions notify-more" id="notify-more-box" data-templates={ask.join(',')}>
      <Button id="notify-more" type="success" fill="outline" block onClick={() => void tap()}>
        {t('notifyMore')}
      </Button>
      <Text className="muted">{t('notifyMoreHint')}</Text>
    </View>
  );
}
