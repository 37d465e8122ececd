/** Money is integer minor units (fen) everywhere; these turn it into text and typed yuan back into fen. */

/** Fen → "12.50" (integer arithmetic, no float rounding; a negative amount keeps its sign: "-0.05"). */
export function yuanOf(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen → "¥12.50"; a negative amount is "-¥12.50". */
export function money(fen: number): string {
  return `${fen < 0 ? '-' : ''}¥${yuanOf(Math.abs(fen))}`;
}

/** Fen → "¥12" for whole yuan, else "¥12.50" (plan prices). */
export function moneyShort(fen: number): string {
  return fen % 100 === 0 ? `${fen < 0 ? '-' : ''}¥${Math.abs(fen) / 100}` : money(fen);
}

/** Yuan as typed ("12.5") → fen (1250); null when it is not an amount with at most two decimals. */
export function fenOf(yuan: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(yuan);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
