import { getLang } from './index';
import { adminEn } from './admin.en';
import { adminZhCN, type AdminKey } from './admin.zh-CN';

export type { AdminKey };

/** A text of the staff, settings and dashboard pages in the current language (console pages only: H5). */
export function ta(key: AdminKey): string {
  return getLang() === 'en' ? adminEn[key] : adminZhCN[key];
}
