import type { KpiDuration, KpiFigures } from '@baoxiu/shared';
import { RATING_MEASURES, type Measures } from './kpi.sql';

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** Mean in seconds to the millisecond. */
const duration = (count: number, sumMs: number): KpiDuration => ({ count, avgSeconds: count > 0 ? Math.round(sumMs / count) / 1000 : null });

/** Summed rollup measures as the API shows them. */
export function presentFigures(m: Measures): KpiFigures {
  return {
    volume: m.tickets,
    firstResponse: duration(m.acceptedCount, m.acceptedMs),
    timeToArrive: duration(m.arrivedCount, m.arrivedMs),
    mttr: duration(m.resolvedCount, m.resolvedMs),
    resolved: m.resolvedCount,
    closed: m.closedCount,
    cancelled: m.cancelledCount,
    reopened: m.reopenedCount,
    reopenRate: m.tickets > 0 ? round(m.reopenedCount / m.tickets, 4) : null,
    csat: {
      rated: m.ratedCount,
      average: m.ratedCount > 0 ? round(m.ratingSum / m.ratedCount, 2) : null,
      distribution: RATING_MEASURES.map((r) => m[r]),
    },
    declines: m.declinedCount,
  };
}
