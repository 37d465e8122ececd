/** Exact money arithmetic: amounts and decimal rates as bigint fractions, rounded once, half-up, per line. */

/** A non-negative or negative rational number n / d with d > 0. */
export interface Fraction {
  n: bigint;
  d: bigint;
}

const SCALE = 1_000_000n;

/** A decimal with at most six places (validated by the schema) as an exact fraction. */
export function decimal(x: number): Fraction {
  const [whole, frac = ''] = x.toFixed(6).split('.');
  return { n: BigInt(whole + frac.padEnd(6, '0')), d: SCALE };
}

export const int = (x: number | bigint): Fraction => ({ n: BigInt(x), d: 1n });

export const mul = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.n, d: a.d * b.d });

export const add = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });

/** `x × percent / 100`. */
export const percentOf = (x: Fraction, percent: number): Fraction => mul(mul(x, decimal(percent)), { n: 1n, d: 100n });

/** The one rounding of a line: half-up on the magnitude (so −0.5 → −1, 0.5 → 1), to an integer minor unit. */
export function roundHalfUp(x: Fraction): number {
  const neg = x.n < 0n;
  const mag = neg ? -x.n : x.n;
  const q = (2n * mag + x.d) / (2n * x.d);
  return Number(neg ? -q : q);
}
