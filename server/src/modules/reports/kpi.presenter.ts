import {
  SLA_TARGETS,
  URGENCIES,
  type KpiDuration,
  type KpiFigures,
  type SlaAttainment,
  type SlaRate,
  type SlaTargetKind,
} from '@baoxiu/shared';
import { RATING_MEASURES, slaMeasure, type Measures } from './kpi.sql';

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** Mean in seconds to the millisecond. */
const duration = (count: number, sumMs: number): KpiDuration => ({
  count,
  avgSeconds: count > 0 ? Math.round(sumMs / count) / 1000 : null,
});

const rate = (due: number, met: number): SlaRate => ({ due, met, rate: due > 0 ? round(met / due, 4) : null });

function attainment(m: Measures, target: SlaTargetKind): SlaAttainment {
  const by = Object.fromEntries(
    URGENCIES.map((u) => [u, rate(m[slaMeasure(target, u, 'Due')], m[slaMeasure(target, u, 'Met')])]),
  ) as SlaAttainment['byUrgency'];
  const all = URGENCIES.reduce((s, u) => ({ due: s.due + by[u].due, met: s.met + by[u].met }), { due: 0, met: 0 });
  return { ...rate(all.due, all.met), byUrgency: by };
}

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
    sla: Object.fromEntries(SLA_TARGETS.map((k) => [k, attainment(m, k)])) as KpiFigures['sla'],
  };
}
