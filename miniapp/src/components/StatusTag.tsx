import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { STATUS_LABELS, type TicketStatus } from '@baoxiu/shared';
import { useLang } from '../i18n';

type TagType = 'default' | 'primary' | 'success' | 'warning' | 'danger' | 'info';

const TAG_TYPE: Partial<Record<TicketStatus, TagType>> = {
  new: 'warning',
  offered: 'warning',
  accepted: 'primary',
  en_route: 'primary',
  on_site: 'primary',
  resolved: 'success',
  closed: 'info',
  reopened: 'danger',
};

export function statusLabel(status: TicketStatus, lang: string): string {
  return lang === 'en' ? STATUS_LABELS[status].en : STATUS_LABELS[status].zh;
}

/** The status in words; `data-status` carries the machine value for tests and styling. */
export function StatusTag({ status, id }: { status: TicketStatus; id?: string }) {
  const lang = useLang();
  return (
    <View id={id} className="status-tag" data-status={status}>
      <Tag type={TAG_TYPE[status] ?? 'default'}>{statusLabel(status, lang)}</Tag>
    </View>
  );
}
