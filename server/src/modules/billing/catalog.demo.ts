import type { BillingPeriod, PlanDocumentInput } from '@baoxiu/shared';

/** The demo catalog: basic / standard / pro (growing module sets), each monthly, quarterly and yearly, and a free tier. */

/** A quarter costs 2.8 months and a year 10.4 (as 500 a month, 1,400 a quarter, 5,200 a year). */
const FACTOR: Record<BillingPeriod, number> = { month: 1, quarter: 2.8, year: 10.4 };
const MONTHS: Record<BillingPeriod, number> = { month: 1, quarter: 3, year: 12 };
const NAMES: Record<BillingPeriod, string> = { month: '月付', quarter: '季付', year: '年付' };

const price = (monthly: number, p: BillingPeriod) => Math.round((monthly * FACTOR[p]) / 100) * 100;

function tier(
  code: string,
  name: string,
  monthlyBase: number,
  modules: PlanDocumentInput['modules'],
  p: BillingPeriod,
  extra: PlanDocumentInput['charges'],
): PlanDocumentInput {
  return {
    code: `${code}-${p}`,
    name: `${name}（${NAMES[p]}）`,
    currency: 'CNY',
    period: p,
    modules,
    charges: [
      { kind: 'flat', name: '基础订阅', amount: price(monthlyBase, p) },
      { kind: 'seats', name: '员工席位', mode: 'per_unit', unitAmount: price(5000, p), minQuantity: 5 },
      ...extra,
    ],
    phases: [
      { kind: 'trial', days: 14 },
      ...(code === 'pro' ? [{ kind: 'discount' as const, name: '首年 6 折', months: 12, percentOff: 40 }] : []),
    ],
    taxRatePercent: 6,
    defaultSeats: 5,
  };
}

export function demoCatalog(): PlanDocumentInput[] {
  const periods: BillingPeriod[] = ['month', 'quarter', 'year'];
  const plans: PlanDocumentInput[] = [
    {
      code: 'free',
      name: '免费版',
      currency: 'CNY',
      period: 'month',
      modules: [],
      charges: [{ kind: 'seats', name: '员工席位', mode: 'per_unit', unitAmount: 0 }],
      limits: { tickets: 100, api_calls: 0, wechat_messages: 200 },
      defaultSeats: 3,
    },
  ];
  for (const p of periods) {
    plans.push(tier('basic', '基础版', 9900, ['wechat'], p, []));
    plans.push(
      tier('standard', '标准版', 19900, ['wechat', 'kb', 'reports', 'sla'], p, [
        {
          kind: 'usage',
          name: '报修单（超出部分）',
          metric: 'tickets',
          mode: 'graduated',
          includedQuantity: 500 * MONTHS[p],
          tiers: [{ upTo: null, unitAmount: 20 }],
        },
      ]),
    );
    plans.push(
      tier('pro', '专业版', 49900, ['wechat', 'kb', 'parts', 'sla', 'reports', 'api', 'pm'], p, [
        {
          kind: 'usage',
          name: 'API 调用（超出部分）',
          metric: 'api_calls',
          mode: 'package',
          includedQuantity: 100_000 * MONTHS[p],
          packageSize: 10_000,
          amount: 900,
        },
      ]),
    );
  }
  return plans;
}

/** The plan the demo tenant tries and a new signup defaults to: the top one. */
export const TOP_PLAN = 'pro-month';
