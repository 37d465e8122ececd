import { PlanDocumentSchema, QuoteRequestSchema } from '@baoxiu/shared';

const issues = (doc: unknown) => {
  const r = PlanDocumentSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const base = { code: 'pro-month', name: '专业版', period: 'month' };

describe('plan document validation says what is wrong', () => {
  it('accepts the contract example of the issue', () => {
    const doc = {
      ...base,
      currency: 'CNY',
      modules: ['kb', 'parts', 'sla', 'reports', 'api', 'pm'],
      charges: [
        { kind: 'flat', name: '基础订阅', amount: 49900 },
        { kind: 'seats', unitAmount: 5000, minQuantity: 5, mode: 'per_unit', tiers: [{ upTo: null, unitAmount: 5000 }] },
        { kind: 'module', module: 'kb', amount: 15000 },
        {
          kind: 'usage',
          metric: 'tickets',
          mode: 'volume',
          includedQuantity: 0,
          packageSize: 1000,
          amount: 900,
          tiers: [
            { upTo: 99, unitAmount: 0, flatAmount: 10000 },
            { upTo: 500, flatAmount: 20000 },
            { upTo: null, flatAmount: 35000 },
          ],
        },
        { kind: 'percentage', name: '维护费', percent: 20, of: ['flat', 'seats', 'module'] },
      ],
      phases: [
        { kind: 'trial', days: 14 },
        { kind: 'discount', months: 12, percentOff: 40 },
      ],
      taxRatePercent: 6,
    };
    expect(issues(doc)).toEqual([]);
  });

  it('refuses tiers that do not grow or do not end unbounded, naming the tier', () => {
    const usage = (tiers: unknown) => ({ ...base, charges: [{ kind: 'usage', metric: 'tickets', mode: 'volume', tiers }] });
    expect(issues(usage([{ upTo: 100 }, { upTo: 50 }, { upTo: null }]))).toEqual([
      "charges.0.tiers.1.upTo: tiers must grow: `upTo` 50 is not above the previous tier's 100",
    ]);
    expect(issues(usage([{ upTo: 100 }]))).toEqual([
      'charges.0.tiers.0.upTo: the last tier must be unbounded (`upTo: null`), so every quantity has a price',
    ]);
    expect(issues(usage([{ upTo: null }, { upTo: null }]))).toEqual([
      'charges.0.tiers.0.upTo: only the last tier may be unbounded (`upTo: null`)',
    ]);
    expect(issues(usage([]))).toEqual(['charges.0.tiers: give at least one tier']);
  });

  it('refuses money that is not integer minor units and rates with too many decimals', () => {
    expect(issues({ ...base, charges: [{ kind: 'flat', amount: 499.5 }] })).toEqual([
      'charges.0.amount: an integer amount in minor units (fen / cents), not a fraction',
    ]);
    expect(issues({ ...base, charges: [{ kind: 'flat', amount: -1 }] })).toEqual(['charges.0.amount: an amount must not be negative']);
    expect(issues({ ...base, charges: [{ kind: 'seats', unitAmount: 0.0000001 }] })).toEqual([
      'charges.0.unitAmount: at most 6 digits after the decimal point',
    ]);
    expect(issues({ ...base, charges: [], taxRatePercent: 101 })).toEqual(['taxRatePercent: a percentage must be at most 100']);
  });

  it('names the field a charge mode needs', () => {
    expect(issues({ ...base, charges: [{ kind: 'seats', mode: 'per_unit' }] })).toEqual([
      'charges.0.unitAmount: a per_unit seat charge needs `unitAmount`',
    ]);
    expect(issues({ ...base, charges: [{ kind: 'seats', mode: 'graduated' }] })).toEqual([
      'charges.0.tiers: a graduated seat charge needs `tiers`',
    ]);
    expect(issues({ ...base, charges: [{ kind: 'usage', metric: 'api_calls', mode: 'package' }] })).toEqual([
      'charges.0.packageSize: a package charge needs `packageSize`',
      'charges.0.amount: a package charge needs `amount` (the price of one package)',
    ]);
  });

  it('refuses a charge kind, plan code, duplicate charge or phase order that cannot be priced', () => {
    expect(issues({ ...base, charges: [{ kind: 'bogus' }] })[0]).toMatch(/one of flat, seats, module, usage, percentage/);
    expect(issues({ ...base, code: 'Pro Month', charges: [] })).toEqual([
      'code: a plan code is lowercase letters, digits and dashes (e.g. pro-month)',
    ]);
    expect(
      issues({
        ...base,
        charges: [
          { kind: 'module', module: 'kb', amount: 1 },
          { kind: 'module', module: 'kb', amount: 2 },
        ],
      }),
    ).toEqual(['charges.1: module kb is charged twice']);
    expect(
      issues({
        ...base,
        charges: [],
        phases: [
          { kind: 'discount', percentOff: 10 },
          { kind: 'trial', days: 14 },
        ],
      }),
    ).toEqual(['phases: the trial phase comes before the discount phase']);
  });

  it('accepts a quote request by published code with defaults for the quantities', () => {
    const q = QuoteRequestSchema.parse({ plan: 'pro-month', quantities: { seats: 10 } });
    expect(q.quantities).toEqual({ seats: 10, tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 });
    expect(QuoteRequestSchema.safeParse({ plan: 'pro-month', quantities: { seats: -1 } }).success).toBe(false);
  });
});
