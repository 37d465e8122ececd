import type { Charge, PlanDocument, PlanModule, Quantities, QuoteLine } from '@baoxiu/shared';
import { decimal, int, mul, percentOf, roundHalfUp } from './money';
import { metricName, moduleName, words, type BillingLocale } from './pricing.text';
import { packagesFor, priceGraduated, priceVolume, type TierSlice } from './tiers';

/** The charge lines of one period (before phases, coupons and tax), in the plan's order. */

type ChargeOf<K extends Charge['kind']> = Extract<Charge, { kind: K }>;

const tierLine = (kind: 'seats' | 'usage', head: string, s: TierSlice, l: BillingLocale, extra: Partial<QuoteLine>): QuoteLine => ({
  kind,
  description: head + words.tier(l, s.from, s.upTo),
  quantity: s.units,
  unitAmount: s.unitAmount,
  ...(s.flatAmount > 0 ? { flatAmount: s.flatAmount } : {}),
  amount: s.amount,
  ...extra,
});

function seatLines(c: ChargeOf<'seats'>, seats: number, l: BillingLocale): QuoteLine[] {
  const billed = Math.max(seats, c.minQuantity);
  const head = (c.name ?? words.seats(l)) + (c.minQuantity > seats ? words.minimum(l, c.minQuantity) : '');
  if (c.mode === 'per_unit') {
    const unit = c.unitAmount ?? 0;
    return [{ kind: 'seats', description: head, quantity: billed, unitAmount: unit, amount: roundHalfUp(mul(int(billed), decimal(unit))) }];
  }
  const tiers = c.tiers ?? [];
  if (c.mode === 'volume') return [tierLine('seats', head, priceVolume(billed, tiers), l, {})];
  const slices = priceGraduated(billed, tiers);
  return slices.length
    ? slices.map((s) => tierLine('seats', head, s, l, {}))
    : [{ kind: 'seats', description: head, quantity: 0, unitAmount: 0, amount: 0 }];
}

function usageLines(c: ChargeOf<'usage'>, used: number, l: BillingLocale): QuoteLine[] {
  const units = Math.max(0, used - c.includedQuantity);
  const head = (c.name ?? metricName(l, c.metric)) + (c.includedQuantity > 0 ? words.included(l, c.includedQuantity) : '');
  const extra = { metric: c.metric };
  if (c.mode === 'package') {
    const size = c.packageSize ?? 1;
    const price = c.amount ?? 0;
    const packages = packagesFor(units, size);
    return [
      {
        kind: 'usage',
        description: head + words.packages(l, units, size),
        quantity: packages,
        unitAmount: price,
        amount: packages * price,
        ...extra,
      },
    ];
  }
  const tiers = c.tiers ?? [];
  if (c.mode === 'volume') return [tierLine('usage', head, priceVolume(units, tiers), l, extra)];
  const slices = priceGraduated(units, tiers);
  return slices.length
    ? slices.map((s) => tierLine('usage', head, s, l, extra))
    : [{ kind: 'usage', description: head, quantity: 0, unitAmount: 0, amount: 0, ...extra }];
}

export interface ChargeLineOptions {
  quantities: Quantities;
  /** The module add-ons bought; undefined = every module charge of the plan. */
  modules?: PlanModule[];
  locale: BillingLocale;
  /** Leave usage charges out (proration prices only the recurring charges). */
  recurringOnly?: boolean;
}

export function chargeLines(plan: PlanDocument, o: ChargeLineOptions): QuoteLine[] {
  const perCharge: QuoteLine[][] = plan.charges.map((c) => {
    switch (c.kind) {
      case 'flat':
        return [{ kind: 'flat', description: c.name ?? words.flat(o.locale), quantity: 1, unitAmount: c.amount, amount: c.amount }];
      case 'seats':
        return seatLines(c, o.quantities.seats, o.locale);
      case 'module':
        if (o.modules && !o.modules.includes(c.module)) return [];
        return [
          {
            kind: 'module',
            description: c.name ?? moduleName(o.locale, c.module),
            quantity: 1,
            unitAmount: c.amount,
            amount: c.amount,
            module: c.module,
          },
        ];
      case 'usage':
        return o.recurringOnly ? [] : usageLines(c, o.quantities[c.metric], o.locale);
      case 'percentage':
        return [];
    }
  });
  // A percentage charge is of the other kinds' rounded lines, so it is computed once they are all known.
  plan.charges.forEach((c, i) => {
    if (c.kind !== 'percentage') return;
    const base = perCharge
      .flat()
      .filter((x) => (c.of as string[]).includes(x.kind))
      .reduce((s, x) => s + x.amount, 0);
    perCharge[i] = [
      {
        kind: 'percentage',
        description: `${c.name ?? words.percentage(o.locale)} ${c.percent}%`,
        quantity: base,
        unitAmount: c.percent / 100,
        amount: roundHalfUp(percentOf(int(base), c.percent)),
      },
    ];
  });
  return perCharge.flat();
}
