import type { PlanModule, UsageMetric } from '@baoxiu/shared';

/** The words of generated invoice line descriptions, in both languages. */

export type BillingLocale = 'zh-CN' | 'en';

const METRICS: Record<UsageMetric, { zh: string; en: string }> = {
  tickets: { zh: '报修单', en: 'Tickets' },
  api_calls: { zh: 'API 调用', en: 'API calls' },
  storage_gb: { zh: '存储（GB）', en: 'Storage (GB)' },
  wechat_messages: { zh: '微信消息', en: 'WeChat messages' },
};

const MODULES: Record<PlanModule, { zh: string; en: string }> = {
  kb: { zh: '知识库', en: 'Knowledge base' },
  parts: { zh: '备件', en: 'Parts' },
  sla: { zh: 'SLA', en: 'SLA' },
  reports: { zh: '报表', en: 'Reports' },
  api: { zh: '开放 API', en: 'Open API' },
  pm: { zh: '预防性维护', en: 'Preventive maintenance' },
  wechat: { zh: '微信通知', en: 'WeChat notifications' },
};

const pick = (locale: BillingLocale, w: { zh: string; en: string }) => (locale === 'en' ? w.en : w.zh);

export const metricName = (l: BillingLocale, m: UsageMetric) => pick(l, METRICS[m]);
export const moduleName = (l: BillingLocale, m: PlanModule) => pick(l, MODULES[m]);

export const words = {
  flat: (l: BillingLocale) => pick(l, { zh: '基础订阅', en: 'Subscription' }),
  seats: (l: BillingLocale) => pick(l, { zh: '员工席位', en: 'Staff seats' }),
  minimum: (l: BillingLocale, min: number) => pick(l, { zh: `（最低 ${min} 席）`, en: ` (minimum ${min})` }),
  percentage: (l: BillingLocale) => pick(l, { zh: '维护费', en: 'Maintenance fee' }),
  included: (l: BillingLocale, n: number) => pick(l, { zh: `（含 ${n} 免费）`, en: ` (${n} included)` }),
  tier: (l: BillingLocale, from: number, upTo: number | null) =>
    upTo === null ? pick(l, { zh: ` 第 ${from} 起`, en: ` from ${from}` }) : pick(l, { zh: ` 第 ${from}–${upTo}`, en: ` ${from}–${upTo}` }),
  packages: (l: BillingLocale, units: number, size: number) =>
    pick(l, { zh: ` ${units} 个，每包 ${size}`, en: ` ${units} units in packages of ${size}` }),
  trial: (l: BillingLocale, days: number) => pick(l, { zh: `${days} 天免费试用`, en: `${days}-day free trial` }),
  discount: (l: BillingLocale, pct: number) => pick(l, { zh: `优惠 ${pct}%`, en: `${pct}% off` }),
  coupon: (l: BillingLocale, code: string | undefined) =>
    pick(l, { zh: `优惠券${code ? ` ${code}` : ''}`, en: `Coupon${code ? ` ${code}` : ''}` }),
  credit: (l: BillingLocale, plan: string, days: number, of: number) =>
    pick(l, { zh: `${plan} 未使用的 ${days}/${of} 天`, en: `Unused time on ${plan} (${days}/${of} days)` }),
  charge: (l: BillingLocale, plan: string, days: number, of: number) =>
    pick(l, { zh: `${plan} 剩余的 ${days}/${of} 天`, en: `Remaining time on ${plan} (${days}/${of} days)` }),
};
