import { Between, In } from 'typeorm';
import {
  KB_DEFLECTION_HOURS,
  type KbDeflectionFigures,
  type KbDeflectionQuery,
  type KbDeflectionResponse,
  type KbEventType,
} from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { addDays, dayRange, isoDayInZone, startOfDayInZone } from '../../lib/time';
import { Tenant } from '../tenants/tenant.entity';
import { Ticket } from '../tickets/ticket.entity';
import { KbArticle, KbEvent } from './kb.entity';

const WINDOW_MS = KB_DEFLECTION_HOURS * 3_600_000;

export interface DeflectionEvent {
  type: KbEventType;
  deviceId: string;
  assetId: number;
  articleId: number | null;
  category: string | null;
  at: Date;
}

export interface DeviceTicket {
  deviceId: string;
  assetId: number;
  createdAt: Date;
}

/** What became of one resolved_click: confirmed (72 h passed, no ticket), reverted (a ticket came), pending. */
export type ClickOutcome = 'confirmed' | 'reverted' | 'pending' | 'repeat';

/**
 * Judges resolved clicks. A click is *confirmed* when 72 h have passed and the same device filed no ticket on the
 * same asset in that time; *reverted* when it did; *pending* while the 72 h run. A second click by the same device
 * on the same asset inside the first one's 72 h is a *repeat*, counted once (tapping twice deflects nothing more).
 */
export function judgeClicks(clicks: readonly DeflectionEvent[], tickets: readonly DeviceTicket[], now: Date): ClickOutcome[] {
  const lastCounted = new Map<string, number>();
  const order = clicks.map((c, i) => ({ c, i })).sort((x, y) => x.c.at.getTime() - y.c.at.getTime() || x.i - y.i);
  const out: ClickOutcome[] = new Array<ClickOutcome>(clicks.length);
  for (const { c, i } of order) {
    const key = `${c.deviceId}\u0000${c.assetId}`;
    const t = c.at.getTime();
    const prev = lastCounted.get(key);
    if (prev !== undefined && t - prev < WINDOW_MS) {
      out[i] = 'repeat';
      continue;
    }
    lastCounted.set(key, t);
    const filed = tickets.some(
      (k) => k.deviceId === c.deviceId && k.assetId === c.assetId && k.createdAt.getTime() >= t && k.createdAt.getTime() - t <= WINDOW_MS,
    );
    out[i] = filed ? 'reverted' : now.getTime() - t >= WINDOW_MS ? 'confirmed' : 'pending';
  }
  return out;
}

const empty = (): KbDeflectionFigures => ({
  shown: 0,
  opened: 0,
  resolvedClicks: 0,
  confirmed: 0,
  pending: 0,
  reverted: 0,
  submittedAnyway: 0,
  abandoned: 0,
  rate: null,
});

function withRate(f: KbDeflectionFigures): KbDeflectionFigures {
  const decided = f.confirmed + f.reverted + f.submittedAnyway;
  return { ...f, rate: decided === 0 ? null : f.confirmed / decided };
}

function add(f: KbDeflectionFigures, e: DeflectionEvent, outcome: ClickOutcome | undefined): void {
  if (e.type === 'suggestion_shown') f.shown += 1;
  else if (e.type === 'article_opened') f.opened += 1;
  else if (e.type === 'submitted_anyway') f.submittedAnyway += 1;
  else if (e.type === 'abandoned') f.abandoned += 1;
  else if (outcome !== 'repeat') {
    f.resolvedClicks += 1;
    if (outcome === 'confirmed') f.confirmed += 1;
    else if (outcome === 'reverted') f.reverted += 1;
    else f.pending += 1;
  }
}

/** The figures of a period's events, in total, per day (the tenant's calendar), per article and per asset category. */
export function deflectionFigures(
  events: readonly DeflectionEvent[],
  tickets: readonly DeviceTicket[],
  now: Date,
  zone: string,
  days: readonly string[],
): Omit<KbDeflectionResponse, 'from' | 'to' | 'byArticle'> & { byArticle: Array<KbDeflectionFigures & { articleId: number }> } {
  const clicks = events.filter((e) => e.type === 'resolved_click');
  const judged = judgeClicks(clicks, tickets, now);
  const outcome = new Map(clicks.map((c, i) => [c, judged[i]]));
  const total = empty();
  const byDay = new Map(days.map((d) => [d, empty()]));
  const byArticle = new Map<number, KbDeflectionFigures>();
  const byCategory = new Map<string | null, KbDeflectionFigures>();
  for (const e of events) {
    const o = outcome.get(e);
    add(total, e, o);
    const day = byDay.get(isoDayInZone(e.at, zone));
    if (day) add(day, e, o);
    if (e.articleId !== null) {
      const f = byArticle.get(e.articleId) ?? empty();
      byArticle.set(e.articleId, f);
      add(f, e, o);
    }
    const f = byCategory.get(e.category) ?? empty();
    byCategory.set(e.category, f);
    add(f, e, o);
  }
  return {
    total: withRate(total),
    byDay: [...byDay].map(([day, f]) => ({ day, ...withRate(f) })),
    byArticle: [...byArticle].sort((a, b) => a[0] - b[0]).map(([articleId, f]) => ({ articleId, ...withRate(f) })),
    byCategory: [...byCategory]
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
      .map(([category, f]) => ({ category, ...withRate(f) })),
  };
}

/** `GET /api/kb/deflection`: events of the period (tenant's days), judged against tickets up to 72 h after. */
export async function deflectionReport(deps: Deps, tenantId: number, q: KbDeflectionQuery): Promise<KbDeflectionResponse> {
  const zone = (await deps.db.ds.getRepository(Tenant).findOneByOrFail({ id: tenantId })).timezone;
  const start = startOfDayInZone(q.from, zone);
  const end = new Date(startOfDayInZone(addDays(q.to, 1), zone).getTime() - 1);
  const events = await deps.db.ds
    .getRepository(KbEvent)
    .find({ where: { tenantId, at: Between(start, end) }, order: { at: 'ASC', id: 'ASC' } });
  const devices = [...new Set(events.filter((e) => e.type === 'resolved_click').map((e) => e.deviceId))];
  const tickets: DeviceTicket[] = [];
  for (let i = 0; i < devices.length; i += 500) {
    const rows = await deps.db.ds.getRepository(Ticket).find({
      where: { tenantId, deviceId: In(devices.slice(i, i + 500)), createdAt: Between(start, new Date(end.getTime() + WINDOW_MS)) },
      select: { deviceId: true, assetId: true, createdAt: true },
    });
    for (const r of rows) if (r.deviceId !== null) tickets.push({ deviceId: r.deviceId, assetId: r.assetId, createdAt: r.createdAt });
  }
  const figures = deflectionFigures(events, tickets, deps.clock.now(), zone, dayRange(q.from, q.to));
  const ids = figures.byArticle.map((a) => a.articleId);
  const titles = new Map(
    ids.length === 0
      ? []
      : (await deps.db.ds.getRepository(KbArticle).find({ where: { tenantId, id: In(ids) }, select: { id: true, title: true } })).map(
          (a) => [a.id, a.title],
        ),
  );
  return {
    from: q.from,
    to: q.to,
    ...figures,
    byArticle: figures.byArticle.map((a) => ({ ...a, title: titles.get(a.articleId) ?? '' })),
  };
}
