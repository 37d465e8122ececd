import type { Tier } from '@baoxiu/shared';
import { decimal, int, mul, roundHalfUp } from './money';

/** One priced slice of a tiered charge: the units it holds, its rate, its flat fee and its rounded amount. */
export interface TierSlice {
  tierIndex: number;
  /** The first unit of the tier (1-based) and its last (inclusive; null = unbounded). */
  from: number;
  upTo: number | null;
  units: number;
  unitAmount: number;
  flatAmount: number;
  amount: number;
}

const sliceAmount = (units: number, tier: Tier): number => roundHalfUp(mul(int(units), decimal(tier.unitAmount))) + tier.flatAmount;

/**
 * Volume: every unit at the one tier the quantity reaches (`upTo` inclusive), `units × unitAmount + flatAmount`
 * of that tier. A quantity of 0 reaches the first tier (its flat fee applies: "fewer than 100 tickets → 100").
 */
export function priceVolume(units: number, tiers: Tier[]): TierSlice {
  const i = tiers.findIndex((t) => t.upTo === null || units <= t.upTo);
  const tier = tiers[i];
  return {
    tierIndex: i,
    from: i === 0 ? 1 : (tiers[i - 1].upTo ?? 0) + 1,
    upTo: tier.upTo,
    units,
    unitAmount: tier.unitAmount,
    flatAmount: tier.flatAmount,
    amount: sliceAmount(units, tier),
  };
}

/**
 * Graduated: each tier prices the units that fall in it (`units in tier × unitAmount`), plus its `flatAmount`
 * only if it holds at least one unit. Returns the tiers holding units, in order (none for 0 units).
 */
export function priceGraduated(units: number, tiers: Tier[]): TierSlice[] {
  const slices: TierSlice[] = [];
  let below = 0;
  for (let i = 0; i < tiers.length && below < units; i += 1) {
    const tier = tiers[i];
    const top = tier.upTo === null ? units : Math.min(units, tier.upTo);
    const inTier = top - below;
    if (inTier > 0)
      slices.push({
        tierIndex: i,
        from: below + 1,
        upTo: tier.upTo,
        units: inTier,
        unitAmount: tier.unitAmount,
        flatAmount: tier.flatAmount,
        amount: sliceAmount(inTier, tier),
      });
    below = Math.max(below, top);
  }
  return slices;
}

/** Package: `ceil(units / packageSize)` packages at `amount` each (units are already net of the included ones). */
export const packagesFor = (units: number, packageSize: number): number => Math.ceil(units / packageSize);
