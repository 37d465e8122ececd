/** Realistic, deterministic rows for a tenant at scale: sites, assets, engineers and a year of tickets. */
import { randomBytes } from 'node:crypto';
import type { TicketStatus, Urgency } from '@baoxiu/shared';
import { prng } from '../../../server/src/lib/prng';

export const CATEGORIES = ['空调', '电梯', '电气', 'IT设备', '给排水', '消防', '门禁', '照明'] as const;

const DESCRIPTIONS: Record<(typeof CATEGORIES)[number], string[]> = {
  空调: ['空调不制冷', '出风口滴水', '外机噪音很大', '遥控无反应', '显示 E4 故障码'],
  电梯: ['电梯门关不上', '按钮不亮', '运行中异响', '平层不准', '困人后已放出，需检查'],
  电气: ['插座没电', '跳闸了', '配电箱有焦味', '充电桩无法启动', 'UPS 报警'],
  IT设备: ['打印机卡纸', '投影仪无信号', '网络断了', '门禁读卡器不识别', '监控画面黑屏'],
  给排水: ['洗手池漏水', '马桶堵塞', '水压很低', '热水器不出热水', '地漏反味'],
  消防: ['烟感误报', '灭火器过期', '应急灯不亮', '消防门闭门器坏了', '喷淋头漏水'],
  门禁: ['刷卡开不了门', '闸机一直响', '门磁报警', '人脸识别失败', '对讲无声音'],
  照明: ['灯管闪烁', '整排灯不亮', '感应灯常亮', '路灯不亮', '开关接触不良'],
};

export { prng };

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** DATETIME(3) text in UTC, as TypeORM writes it on both MySQL (timezone 'Z') and SQLite. */
export function sqlTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

export interface SeedShape {
  tickets: number;
  sites: number;
  assets: number;
  engineers: number;
  /** Tickets span this many days back from `now`. */
  days: number;
  now: number;
  seed: number;
}

export interface AssetRow {
  siteId: number;
  category: string;
  index: number;
}
export interface EngineerRow {
  skills: string[];
  siteIds: number[];
}

/** Engineers cover 1–2 categories (15 % generalists) and 2–4 sites (10 % all sites). */
export function engineerProfiles(shape: SeedShape, siteIds: number[]): EngineerRow[] {
  const rnd = prng(shape.seed + 1);
  return Array.from({ length: shape.engineers }, () => {
    const skills = rnd() < 0.15 ? [] : [...new Set([pick(rnd, CATEGORIES), pick(rnd, CATEGORIES)])];
    const sites = rnd() < 0.1 ? [] : [...new Set(Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(rnd, siteIds)))];
    return { skills, siteIds: sites };
  });
}

/** Assets spread over sites unevenly (a few big sites), categories weighted like a facilities portfolio. */
export function assetProfiles(shape: SeedShape, siteIds: number[]): AssetRow[] {
  const rnd = prng(shape.seed + 2);
  const catWeights = [0.25, 0.08, 0.2, 0.15, 0.12, 0.06, 0.06, 0.08];
  return Array.from({ length: shape.assets }, (_, index) => {
    const siteId = siteIds[Math.floor(Math.pow(rnd(), 1.6) * siteIds.length)];
    let r = rnd();
    let c = 0;
    while (c < catWeights.length - 1 && r >= catWeights[c]) r -= catWeights[c++];
    return { siteId, category: CATEGORIES[c], index };
  });
}

export type TicketValues = Array<string | number | null>;

export const TICKET_COLUMNS = [
  'tenantId',
  'number',
  'assetId',
  'siteId',
  'status',
  'category',
  'description',
  'urgency',
  'contactName',
  'contactPhone',
  'trackingToken',
  'idempotencyKey',
  'requestHash',
  'engineerId',
  'dispatchCycle',
  'dispatchRound',
  'needsDispatcher',
  'offerExpiresAt',
  'resolutionNotes',
  'partsUsed',
  'rating',
  'ratingComment',
  'ratedAt',
  'version',
  'createdAt',
  'updatedAt',
  'acceptedAt',
  'arrivedAt',
  'resolvedAt',
  'closedAt',
  'slaResponseOutcome',
  'slaArrivalOutcome',
  'slaResolutionOutcome',
] as const;

/** Wall-clock SLA targets of the seeded tickets (minutes): response, arrival, resolution. */
const SEED_SLA_MINUTES = [20, 90, 300] as const;

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** The status a ticket of this age has now: old ones are almost all closed, recent ones still in flight. */
function statusFor(rnd: () => number, ageDays: number): TicketStatus {
  const r = rnd();
  if (ageDays > 14) return r < 0.9 ? 'closed' : r < 0.96 ? 'cancelled' : r < 0.99 ? 'resolved' : 'waiting_customer';
  if (ageDays > 2) {
    return r < 0.6
      ? 'closed'
      : r < 0.75
        ? 'resolved'
        : r < 0.8
          ? 'cancelled'
          : r < 0.88
            ? 'waiting_customer'
            : r < 0.95
              ? 'on_site'
              : 'accepted';
  }
  return r < 0.25
    ? 'closed'
    : r < 0.45
      ? 'resolved'
      : r < 0.55
        ? 'on_site'
        : r < 0.65
          ? 'en_route'
          : r < 0.85
            ? 'accepted'
            : r < 0.9
              ? 'waiting_customer'
              : 'new';
}

export interface TicketGenContext {
  tenantId: number;
  assetIds: number[];
  assets: AssetRow[];
  /** Eligible engineer ids per `${siteId}:${category}`. */
  eligible: Map<string, number[]>;
  engineerIds: number[];
}

/**
 * Yields batches of ticket rows in time order (ids grow with createdAt, as in production), with
 * weekday-heavy daily volume, office-hours times, and per-day numbers BX-YYYYMMDD-NNNN (Asia/Shanghai).
 */
export function* ticketBatches(
  shape: SeedShape,
  ctx: TicketGenContext,
  batchSize: number,
): Generator<{ rows: TicketValues[]; days: Map<string, number> }> {
  const rnd = prng(shape.seed + 3);
  // Whole Shanghai days ending at today's midnight: each chunk below is one local calendar day.
  const start = Math.floor((shape.now + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS - shape.days * DAY_MS;
  const weights = Array.from({ length: shape.days }, (_, d) => {
    const dow = new Date(start + d * DAY_MS + SHANGHAI_MS).getUTCDay();
    return (dow === 0 || dow === 6 ? 0.45 : 1) * (0.6 + (0.8 * d) / shape.days); // growing customer base
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  let rows: TicketValues[] = [];
  let days = new Map<string, number>();
  const daySeq = new Map<string, number>();
  let made = 0;
  for (let d = 0; d < shape.days && made < shape.tickets; d++) {
    const count =
      d === shape.days - 1 ? shape.tickets - made : Math.min(shape.tickets - made, Math.round((weights[d] / sum) * shape.tickets));
    const dayStart = start + d * DAY_MS;
    const times = Array.from({ length: count }, () => dayStart + officeHoursOffset(rnd)).sort((a, b) => a - b);
    const tokens = randomBytes(18 * count);
    for (let i = 0; i < count; i++) {
      const at = times[i];
      const day = new Date(at + SHANGHAI_MS).toISOString().slice(0, 10).replace(/-/g, '');
      const seq = (daySeq.get(day) ?? 0) + 1;
      daySeq.set(day, seq);
      days.set(day, seq);
      const token = tokens.subarray(18 * i, 18 * i + 18).toString('base64url');
      rows.push(ticketRow(rnd, ctx, shape, at, `BX-${day}-${String(seq).padStart(4, '0')}`, token));
      made++;
      if (rows.length >= batchSize) {
        yield { rows, days };
        rows = [];
        days = new Map();
      }
    }
  }
  if (rows.length > 0) yield { rows, days };
}

/** Most requests in office hours (08–19 Shanghai), some at night. */
function officeHoursOffset(rnd: () => number): number {
  return (rnd() < 0.85 ? 8 + rnd() * 11 : rnd() * 24) * 3_600_000;
}

function ticketRow(rnd: () => number, ctx: TicketGenContext, shape: SeedShape, at: number, number: string, token: string): TicketValues {
  const a = Math.floor(Math.pow(rnd(), 1.3) * ctx.assets.length); // some assets break far more often
  const asset = ctx.assets[a];
  const status = statusFor(rnd, (shape.now - at) / DAY_MS);
  const pool = ctx.eligible.get(`${asset.siteId}:${asset.category}`) ?? ctx.engineerIds;
  const worked = !['new', 'cancelled'].includes(status);
  const engineerId = worked ? pick(rnd, pool) : null;
  const accepted = worked ? at + (2 + rnd() * 30) * 60_000 : null;
  const arrived = accepted && !['accepted', 'en_route'].includes(status) ? accepted + (20 + rnd() * 100) * 60_000 : null;
  const resolved = arrived && ['resolved', 'closed'].includes(status) ? arrived + (15 + rnd() * 240) * 60_000 : null;
  const closed = resolved && status === 'closed' ? resolved + rnd() * 2 * DAY_MS : null;
  const rated = closed && rnd() < 0.6 ? closed : null;
  const last = Math.min(shape.now, Math.max(at, accepted ?? 0, arrived ?? 0, resolved ?? 0, closed ?? 0));
  const urgency: Urgency = rnd() < 0.7 ? 'normal' : rnd() < 0.6 ? 'high' : 'low';
  const t = (ms: number | null) => (ms === null ? null : sqlTime(Math.min(ms, shape.now)));
  return [
    ctx.tenantId,
    number,
    ctx.assetIds[a],
    asset.siteId,
    status,
    asset.category,
    pick(rnd, DESCRIPTIONS[asset.category as (typeof CATEGORIES)[number]]),
    urgency,
    rnd() < 0.5 ? '王先生' : null,
    `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
    token,
    null,
    null,
    engineerId,
    1,
    worked ? 1 : 0,
    status === 'new' ? 1 : 0,
    null,
    resolved ? '已更换故障部件，测试正常' : null,
    null,
    rated ? 3 + Math.floor(rnd() * 3) : null,
    null,
    t(rated),
    1 + (worked ? 3 : 1),
    t(at),
    t(last),
    t(accepted),
    t(arrived),
    t(resolved),
    t(closed),
    // Recorded SLA outcomes as the escalation sweep leaves them: met/breached once the clock stopped; a cancelled ticket's stay undecided.
    ...[accepted, arrived, resolved].map((stop, i) => (stop === null ? null : stop - at <= SEED_SLA_MINUTES[i] * 60_000 ? 1 : 0)),
  ];
}
