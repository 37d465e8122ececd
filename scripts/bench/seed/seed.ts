/** Seeds one tenant of its own at scale: sites, assets, engineers, staff and a year of tickets. */
import { recountOpenJobsSql } from '../../../server/src/modules/engineers/open-jobs';
import { hashPassword } from '../../../server/src/modules/auth/password';
import { newAssetCode } from '../../../server/src/lib/ids';
import type { DispatchMode } from '@baoxiu/shared';
import {
  TICKET_COLUMNS,
  assetProfiles,
  engineerProfiles,
  sqlTime,
  ticketBatches,
  type EngineerRow,
  type SeedShape,
  type TicketGenContext,
} from './spread';
import type { Cell, RowWriter } from './writer';

export const SEED_PASSWORD = 'demo123';

export interface SeedOptions extends Partial<SeedShape> {
  slug: string;
  dispatchMode?: DispatchMode;
  /** Every engineer on duty, covering every site and category (latency and race tenants). */
  generalists?: boolean;
  /** Also write a 'created' event per ticket (doubles the rows; reports may want it). */
  events?: boolean;
  onProgress?: (done: number, total: number, ms: number) => void;
}

export interface SeededTenant {
  tenantId: number;
  slug: string;
  siteIds: number[];
  assetIds: number[];
  assetCodes: string[];
  engineerIds: number[];
  adminId: number;
  dispatcherId: number;
  tickets: number;
  ms: number;
}

const TICKETS_PER_TX = 20_000;

export async function seedTenant(w: RowWriter, o: SeedOptions): Promise<SeededTenant> {
  const started = Date.now();
  const shape: SeedShape = {
    tickets: o.tickets ?? 1_000_000,
    sites: o.sites ?? 24,
    assets: o.assets ?? 3_000,
    engineers: o.engineers ?? 200,
    days: o.days ?? 365,
    now: o.now ?? Date.now(),
    seed: o.seed ?? 42,
  };
  const now = sqlTime(shape.now);
  const hash = await hashPassword(SEED_PASSWORD);
  await w.begin();
  await w.insert(
    'tenants',
    ['slug', 'name', 'dispatchMode', 'offerTimeoutSeconds', 'timezone', 'createdAt'],
    [[o.slug, `压测租户 ${o.slug}`, o.dispatchMode ?? 'auto', 300, 'Asia/Shanghai', now]],
  );
  const tenantId = await w.tenantId(o.slug);
  if (tenantId === null) throw new Error(`tenant ${o.slug} was not written`);
  await w.insert(
    'sites',
    ['tenantId', 'name', 'address', 'region', 'createdAt'],
    Array.from({ length: shape.sites }, (_, i) => [
      tenantId,
      `园区 ${i + 1} 号楼 Site ${i + 1}`,
      `上海市示例路 ${100 + i} 号`,
      ['浦东', '徐汇', '静安', '闵行'][i % 4],
      now,
    ]),
  );
  const siteIds = await w.ids('sites', tenantId);
  const assets = assetProfiles(shape, siteIds);
  const assetCodes = assets.map(() => newAssetCode());
  await w.insert(
    'assets',
    [
      'tenantId',
      'siteId',
      'code',
      'name',
      'model',
      'serial',
      'category',
      'location',
      'warrantyUntil',
      'customFields',
      'externalId',
      'createdAt',
      'updatedAt',
    ],
    assets.map((a, i) => [
      tenantId,
      a.siteId,
      assetCodes[i],
      `${a.category}设备 ${i + 1}`,
      null,
      `SN-${o.slug}-${i}`,
      a.category,
      `${(i % 20) + 1}F`,
      null,
      '{}',
      null,
      now,
      now,
    ]),
  );
  const assetIds = await w.ids('assets', tenantId);
  const profiles: EngineerRow[] = o.generalists
    ? Array.from({ length: shape.engineers }, () => ({ skills: [], siteIds: [] }))
    : engineerProfiles(shape, siteIds);
  const userCols = [
    'tenantId',
    'username',
    'name',
    'role',
    'passwordHash',
    'phone',
    'skills',
    'siteIds',
    'onDuty',
    'lastAssignedAt',
    'active',
    'createdAt',
  ];
  const staff: Cell[][] = [
    [tenantId, 'admin', '管理员 Admin', 'admin', hash, null, '[]', '[]', 1, null, 1, now],
    [tenantId, 'dispatcher', '调度员 Dispatcher', 'dispatcher', hash, null, '[]', '[]', 1, null, 1, now],
  ];
  const engineers: Cell[][] = profiles.map((p, i) => [
    tenantId,
    `engineer${i + 1}`,
    `工程师 ${i + 1}`,
    'engineer',
    hash,
    null,
    JSON.stringify(p.skills),
    JSON.stringify(p.siteIds),
    o.generalists || i % 10 !== 9 ? 1 : 0,
    null,
    1,
    now,
  ]);
  await w.insert('users', userCols, [...staff, ...engineers]);
  const userIds = await w.ids('users', tenantId);
  const [adminId, dispatcherId] = userIds;
  const engineerIds = userIds.slice(staff.length);
  await w.commit();

  const ctx: TicketGenContext = { tenantId, assetIds, assets, eligible: eligibility(siteIds, profiles, engineerIds), engineerIds };
  const counters = new Map<string, number>();
  let done = 0;
  let inTx = 0;
  await w.begin();
  for (const batch of ticketBatches(shape, ctx, 2_000)) {
    await w.insert('tickets', TICKET_COLUMNS, batch.rows);
    for (const [day, n] of batch.days) counters.set(day, Math.max(counters.get(day) ?? 0, n));
    done += batch.rows.length;
    inTx += batch.rows.length;
    if (inTx >= TICKETS_PER_TX) {
      await w.commit();
      await w.begin();
      inTx = 0;
      o.onProgress?.(done, shape.tickets, Date.now() - started);
    }
  }
  await w.insert(
    'ticket_counters',
    ['tenantId', 'day', 'value'],
    [...counters].map(([day, n]) => [tenantId, day, n]),
  );
  // The tickets went in directly, past guardedUpdate: the engineers' open-job counters are counted from them.
  const recount = recountOpenJobsSql(tenantId);
  await w.exec(recount.sql, recount.params);
  await w.commit();
  if (o.events) await seedCreatedEvents(w, tenantId, o.onProgress, started);
  o.onProgress?.(done, shape.tickets, Date.now() - started);
  return {
    tenantId,
    slug: o.slug,
    siteIds,
    assetIds,
    assetCodes,
    engineerIds,
    adminId,
    dispatcherId,
    tickets: done,
    ms: Date.now() - started,
  };
}

/** Which engineers may take a job at a site in a category (same rule as dispatch: no skills/sites = any). */
function eligibility(siteIds: number[], profiles: Array<{ skills: string[]; siteIds: number[] }>, ids: number[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const site of siteIds) {
    for (const cat of new Set(profiles.flatMap((p) => p.skills))) {
      const ok = ids.filter(
        (_, i) =>
          (profiles[i].siteIds.length === 0 || profiles[i].siteIds.includes(site)) &&
          (profiles[i].skills.length === 0 || profiles[i].skills.includes(cat)),
      );
      if (ok.length > 0) out.set(`${site}:${cat}`, ok);
    }
  }
  return out;
}

/** One 'created' event per ticket, written set-wise by the database itself. */
async function seedCreatedEvents(w: RowWriter, tenantId: number, onProgress: SeedOptions['onProgress'], started: number): Promise<void> {
  await w.exec(
    `INSERT INTO ticket_events (tenantId, ticketId, type, fromStatus, toStatus, actorType, actorId, note, createdAt)
     SELECT tenantId, id, 'created', NULL, 'new', 'reporter', NULL, NULL, createdAt FROM tickets WHERE tenantId = ?`,
    [tenantId],
  );
  onProgress?.(-1, 0, Date.now() - started);
}
