/**
 * The KPI figures as SQL over tickets, shared by the rollup rebuild and the live "today" query, so both
 * count a ticket the same way. Every measure is a sum (counts, milliseconds), so rows add up.
 */
import { SLA_TARGETS, URGENCIES, type SlaTargetKind, type Urgency } from '@baoxiu/shared';
import { sqlTime } from '../../db/columns';
import type { DbKind } from '../../db/database';
import { addDays, startOfDayInZone } from '../../lib/time';

const cap = <S extends string>(x: S) => (x.charAt(0).toUpperCase() + x.slice(1)) as Capitalize<S>;
export type SlaMeasure = `sla${Capitalize<SlaTargetKind>}${Capitalize<Urgency>}${'Due' | 'Met'}`;
/** SLA attainment: per target and urgency, the clocks decided (due) and those met, from the tickets' outcome columns. */
export const slaMeasure = (target: SlaTargetKind, urgency: Urgency, what: 'Due' | 'Met'): SlaMeasure =>
  `sla${cap(target)}${cap(urgency)}${what}`;
export const SLA_MEASURES: readonly SlaMeasure[] = SLA_TARGETS.flatMap((t) =>
  URGENCIES.flatMap((u) => [slaMeasure(t, u, 'Due'), slaMeasure(t, u, 'Met')]),
);
const OUTCOME_COLUMN: Record<SlaTargetKind, string> = {
  response: 't.slaResponseOutcome',
  arrival: 't.slaArrivalOutcome',
  resolution: 't.slaResolutionOutcome',
};

const BASE_MEASURES = [
  'tickets',
  'acceptedCount',
  'acceptedMs',
  'arrivedCount',
  'arrivedMs',
  'resolvedCount',
  'resolvedMs',
  'closedCount',
  'cancelledCount',
  'reopenedCount',
  'ratedCount',
  'ratingSum',
  'rating1Count',
  'rating2Count',
  'rating3Count',
  'rating4Count',
  'rating5Count',
  'declinedCount',
] as const;
export const MEASURES: ReadonlyArray<(typeof BASE_MEASURES)[number] | SlaMeasure> = [...BASE_MEASURES, ...SLA_MEASURES];
/** The CSAT distribution's measures, score 1 to 5. */
export const RATING_MEASURES = ['rating1Count', 'rating2Count', 'rating3Count', 'rating4Count', 'rating5Count'] as const;
export type Measure = (typeof BASE_MEASURES)[number] | SlaMeasure;
export type Measures = Record<Measure, number>;

export const zeroMeasures = (): Measures => Object.fromEntries(MEASURES.map((m) => [m, 0])) as Measures;

export function addMeasures(into: Measures, row: Partial<Record<Measure, unknown>>): Measures {
  // SUM() comes back as a DECIMAL string from MySQL, a number from SQLite, null over no rows.
  for (const m of MEASURES) into[m] += Number(row[m] ?? 0);
  return into;
}

/** Whole milliseconds from one DATETIME(3) column to another. */
function millis(kind: DbKind, from: string, to: string): string {
  return kind === 'mysql'
    ? `TIMESTAMPDIFF(MICROSECOND, ${from}, ${to}) DIV 1000`
    : `CAST(ROUND((julianday(${to}) - julianday(${from})) * 86400000) AS INTEGER)`;
}

export interface TicketScope {
  tenantId: number;
  /** Created at or after (inclusive) … before (exclusive). */
  from: Date;
  until: Date;
  siteId?: number;
  category?: string;
  engineerId?: number;
}

/** The scope's WHERE over tickets `t`; `engineerColumn` is whose engineer the filter names. */
function scopeWhere(scope: TicketScope, engineerColumn: string): { sql: string; params: unknown[] } {
  const params: unknown[] = [scope.tenantId, sqlTime(scope.from), sqlTime(scope.until)];
  const conditions = ['t.tenantId = ?', 't.createdAt >= ?', 't.createdAt < ?'];
  for (const [column, value] of [
    ['t.siteId', scope.siteId],
    ['t.category', scope.category],
    [engineerColumn, scope.engineerId],
  ] as const) {
    if (value === undefined) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  return { sql: conditions.join(' AND '), params };
}

/** Each SLA measure of one ticket: 1 when its target's outcome is decided (due) / met at its urgency now. */
const SLA_FACTS = SLA_TARGETS.flatMap((k) =>
  URGENCIES.flatMap((u) => [
    `CASE WHEN t.urgency = '${u}' AND ${OUTCOME_COLUMN[k]} IS NOT NULL THEN 1 ELSE 0 END AS ${slaMeasure(k, u, 'Due')}`,
    `CASE WHEN t.urgency = '${u}' AND ${OUTCOME_COLUMN[k]} = 1 THEN 1 ELSE 0 END AS ${slaMeasure(k, u, 'Met')}`,
  ]),
).join(',\n      ');

const ZERO_FACTS = [
  'accepted',
  'acceptedMs',
  'arrived',
  'arrivedMs',
  'resolved',
  'resolvedMs',
  'closed',
  'cancelled',
  'reopened',
  'rated',
  'rating',
  'r1',
  'r2',
  'r3',
  'r4',
  'r5',
];

/**
 * One row per ticket in scope with its dimensions and 0/1 flags and durations, under alias `f`, and one
 * row per declined offer on those tickets, counted for the engineer who declined (its other facts 0, so
 * every sum stays the tickets'). `dayExpr` names each ticket's day (a literal or a CASE over createdAt).
 * Reads without locking rows.
 */
function factsSql(kind: DbKind, dayExpr: { sql: string; params: unknown[] }, scope: TicketScope): { sql: string; params: unknown[] } {
  const done = "t.status IN ('resolved', 'closed') AND t.resolvedAt IS NOT NULL";
  const tickets = scopeWhere(scope, 't.engineerId');
  const declines = scopeWhere(scope, 'o.engineerId');
  const sql = `SELECT ${dayExpr.sql} AS \`day\`, t.siteId AS siteId, COALESCE(t.category, '') AS category,
      COALESCE(t.engineerId, 0) AS engineerId, 1 AS ticket,
      CASE WHEN t.acceptedAt IS NOT NULL THEN 1 ELSE 0 END AS accepted,
      CASE WHEN t.acceptedAt IS NOT NULL THEN ${millis(kind, 't.createdAt', 't.acceptedAt')} ELSE 0 END AS acceptedMs,
      CASE WHEN t.arrivedAt IS NOT NULL THEN 1 ELSE 0 END AS arrived,
      CASE WHEN t.arrivedAt IS NOT NULL THEN ${millis(kind, 't.createdAt', 't.arrivedAt')} ELSE 0 END AS arrivedMs,
      CASE WHEN ${done} THEN 1 ELSE 0 END AS resolved,
      CASE WHEN ${done} THEN ${millis(kind, 't.createdAt', 't.resolvedAt')} ELSE 0 END AS resolvedMs,
      CASE WHEN t.status = 'closed' THEN 1 ELSE 0 END AS closed,
      CASE WHEN t.status = 'cancelled' THEN 1 ELSE 0 END AS cancelled,
      CASE WHEN EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticketId = t.id AND e.type = 'reopened') THEN 1 ELSE 0 END AS reopened,
      CASE WHEN t.rating IS NOT NULL THEN 1 ELSE 0 END AS rated,
      COALESCE(t.rating, 0) AS rating,
      ${[1, 2, 3, 4, 5].map((n) => `CASE WHEN t.rating = ${n} THEN 1 ELSE 0 END AS r${n}`).join(', ')},
      0 AS declined,
      ${SLA_FACTS}
    FROM tickets t WHERE ${tickets.sql}
    UNION ALL
    SELECT ${dayExpr.sql} AS \`day\`, t.siteId AS siteId, COALESCE(t.category, '') AS category,
      o.engineerId AS engineerId, 0 AS ticket, ${ZERO_FACTS.map((f) => `0 AS ${f}`).join(', ')}, 1 AS declined,
      ${SLA_MEASURES.map((m) => `0 AS ${m}`).join(', ')}
    FROM offers o JOIN tickets t ON t.id = o.ticketId WHERE ${declines.sql} AND o.status = 'declined'`;
  return { sql, params: [...dayExpr.params, ...tickets.params, ...dayExpr.params, ...declines.params] };
}

const SUMS = `SUM(f.ticket) AS tickets, SUM(f.accepted) AS acceptedCount, SUM(f.acceptedMs) AS acceptedMs,
  SUM(f.arrived) AS arrivedCount, SUM(f.arrivedMs) AS arrivedMs, SUM(f.resolved) AS resolvedCount,
  SUM(f.resolvedMs) AS resolvedMs, SUM(f.closed) AS closedCount, SUM(f.cancelled) AS cancelledCount,
  SUM(f.reopened) AS reopenedCount, SUM(f.rated) AS ratedCount, SUM(f.rating) AS ratingSum,
  SUM(f.r1) AS rating1Count, SUM(f.r2) AS rating2Count, SUM(f.r3) AS rating3Count, SUM(f.r4) AS rating4Count,
  SUM(f.r5) AS rating5Count, SUM(f.declined) AS declinedCount,
  ${SLA_MEASURES.map((m) => `SUM(f.${m}) AS ${m}`).join(', ')}`;

export type FactKey = 'day' | 'siteId' | 'category' | 'engineerId';

/** The measures of the tickets in scope, grouped by `keys` (none: one row, or none over no tickets). */
export function ticketKpisSql(
  kind: DbKind,
  dayExpr: { sql: string; params: unknown[] },
  scope: TicketScope,
  keys: FactKey[],
): { sql: string; params: unknown[] } {
  const facts = factsSql(kind, dayExpr, scope);
  const cols = keys.map((k) => `f.\`${k}\``);
  const sql = `SELECT ${[...cols.map((c, i) => `${c} AS \`${keys[i]}\``), SUMS].join(', ')}
    FROM (${facts.sql}) f${cols.length > 0 ? ` GROUP BY ${cols.join(', ')}` : ' HAVING COUNT(*) > 0'}`;
  return { sql, params: facts.params };
}

/**
 * Consecutive days' bounds in a time zone, and each ticket's day as SQL: a CASE over createdAt (one
 * branch a day), or the day itself when there is only one.
 */
export function dayCase(days: string[], timezone: string): { from: Date; until: Date; sql: string; params: unknown[] } {
  const bounds = [...days, addDays(days[days.length - 1], 1)].map((d) => startOfDayInZone(d, timezone));
  const last = days[days.length - 1];
  const range = { from: bounds[0], until: bounds[days.length] };
  if (days.length === 1) return { ...range, sql: '?', params: [last] };
  return {
    ...range,
    sql: `CASE ${days
      .slice(0, -1)
      .map(() => 'WHEN t.createdAt < ? THEN ?')
      .join(' ')} ELSE ? END`,
    params: [...days.slice(0, -1).flatMap((d, i) => [sqlTime(bounds[i + 1]), d]), last],
  };
}
