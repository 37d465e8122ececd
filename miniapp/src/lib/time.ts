import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';
import type { Lang } from '@baoxiu/shared';

dayjs.extend(relativeTime);

/** "3 小时前" / "3 hours ago" */
export function timeAgo(iso: string, lang: Lang): string {
  return dayjs(iso)
    .locale(lang === 'en' ? 'en' : 'zh-cn')
    .fromNow();
}

/** Local date and time, e.g. 2026-11-23 14:05 */
export function formatTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}
