import type { EntityManager } from 'typeorm';
import { User } from '../auth/user.entity';
import { Tenant } from '../tenants/tenant.entity';
import { rawInstant } from '../../lib/time';
import { isEligible, type Candidate, type JobNeeds } from './dispatch.scoring';
import { compileDuty, onDutyAtWall, wallInstant, type CompiledDuty } from './duty';
import { EngineerShift } from './shift.entity';

/**
 * What eligibility depends on (changes only when an admin edits an engineer), shaped as a candidate at rest, with
 * the engineer's compiled shifts (null: no shifts, the `onDuty` switch decides).
 */
type RosterEntry = Candidate & { duty: CompiledDuty | null; switchOn: boolean };

interface Roster {
  version: number;
  /** Engineers limited to some sites, by site; and those who cover every site. */
  bySite: Map<number, RosterEntry[]>;
  anySite: RosterEntry[];
}

function indexRoster(version: number, entries: RosterEntry[]): Roster {
  const bySite = new Map<number, RosterEntry[]>();
  const anySite: RosterEntry[] = [];
  for (const e of entries) {
    if (e.siteIds.length === 0) anySite.push(e);
    for (const siteId of e.siteIds) {
      const list = bySite.get(siteId);
      if (list) list.push(e);
      else bySite.set(siteId, [e]);
    }
  }
  return { version, bySite, anySite };
}

/**
 * Engineers on duty per tenant, kept in the process between decisions. A decision over 5,000 engineers
 * used to load and hydrate all of them (80 ms p99); now it filters this list in memory and asks the
 * database only about the few hundred eligible ones.
 *
 * Freshness: every change to who is on duty, their skills or sites bumps `tenants.rosterVersion` in the
 * same transaction (bumpRoster); a decision reads the tenant row anyway and reloads the roster when
 * the version moved. Both reads sit in the decision's transaction, so they see one snapshot.
 */
export type RosterCache = Map<number, Roster>;

/** One per system (Deps.rosters): the rosters of one database's tenants, by tenant id. */
export function newRosterCache(): RosterCache {
  return new Map();
}

async function rosterOf(em: EntityManager, perDb: RosterCache, tenant: Pick<Tenant, 'id' | 'rosterVersion'>): Promise<Roster> {
  const known = perDb.get(tenant.id);
  if (known && known.version === tenant.rosterVersion) return known;
  // Engineers off the switch stay in the roster when they have shifts (their pattern or override may put them on).
  const [users, shifts] = await Promise.all([
    em.find(User, {
      where: { tenantId: tenant.id, role: 'engineer', active: true },
      select: { id: true, skills: true, siteIds: true, onDuty: true },
    }),
    em.find(EngineerShift, { where: { tenantId: tenant.id } }),
  ]);
  const dutyOf = new Map(shifts.map((s) => [s.userId, compileDuty(s)]));
  const entries = users.flatMap((u): RosterEntry[] => {
    const duty = dutyOf.get(u.id) ?? null;
    // Without shifts, off the switch is off for good (until the switch bumps the roster): not worth keeping.
    if (!duty && !u.onDuty) return [];
    // onDuty: true — duty is decided per instant from `duty` and `switchOn` before the rules look at the entry.
    return [
      { id: u.id, skills: u.skills ?? [], siteIds: u.siteIds ?? [], onDuty: true, load: 0, lastAssignedAt: null, duty, switchOn: u.onDuty },
    ];
  });
  const roster = indexRoster(tenant.rosterVersion, entries);
  perDb.set(tenant.id, roster);
  return roster;
}

/** In the transaction that changes an engineer's duty, skills, sites or existence. */
export async function bumpRoster(em: EntityManager, tenantId: number): Promise<void> {
  await em.increment(Tenant, { id: tenantId }, 'rosterVersion', 1);
}

/** The later of two instants (either may be missing). */
function latest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * The engineers on duty at `now` (their shifts in the tenant's zone, decided in memory) who may take this job, with what they have on their plate (open jobs + pending
 * offers) and when they were last given one (the later of their last accept and their last offer): the
 * roster filtered in memory, then one query over the eligible few: their user rows (open jobs counted in
 * `users.openJobs`) and the offers' (tenantId, engineerId, …) indexes.
 */
export async function loadCandidates(
  em: EntityManager,
  rosters: RosterCache,
  tenant: Pick<Tenant, 'id' | 'rosterVersion' | 'timezone'>,
  job: JobNeeds,
  now: Date,
): Promise<Candidate[]> {
  const roster = await rosterOf(em, rosters, tenant);
  const wall = wallInstant(now, tenant.timezone);
  // Only those who cover the job's site and are on duty now are looked at; the rules themselves stay in isEligible.
  const eligible = [...(roster.bySite.get(job.siteId) ?? []), ...roster.anySite].filter(
    (r) => onDutyAtWall(r.duty, r.switchOn, wall) && isEligible(r, job),
  );
  if (eligible.length === 0) return [];
  // One statement, three set-wise parts over the eligible ids (no correlated subquery per engineer: MariaDB ran
  // those 3 × ~300 times per decision): the users by primary key, with their open jobs from the `openJobs` counter
  // (kept by guardedUpdate in every ticket transaction; counting the tickets here was the costliest part, ~950 index
  // ranges), and two ranges per engineer on the offers' (tenantId, engineerId, …) indexes.
  const ids = eligible.map((e) => e.id);
  const inIds = ids.map(() => '?').join(', ');
  const rows = await em.query<
    Array<{
      kind: string;
      id: number | string;
      flag: number | string | boolean | null;
      n: number | string | null;
      at: Date | string | null;
    }>
  >(
    `SELECT 'u' AS kind, u.id AS id, u.onDuty AS flag, u.openJobs AS n, u.lastAssignedAt AS at
       FROM users u WHERE u.tenantId = ? AND u.active = ? AND u.id IN (${inIds})
     UNION ALL
     SELECT 'o', o.engineerId, NULL, COUNT(*), NULL FROM offers o
       WHERE o.tenantId = ? AND o.engineerId IN (${inIds}) AND o.status = 'pending' GROUP BY o.engineerId
     UNION ALL
     SELECT 'l', l.engineerId, NULL, NULL, MAX(l.createdAt) FROM offers l
       WHERE l.tenantId = ? AND l.engineerId IN (${inIds}) GROUP BY l.engineerId`,
    [tenant.id, true, ...ids, tenant.id, ...ids, tenant.id, ...ids],
  );
  const present = new Map<number, Date | null>();
  const switchOn = new Map<number, boolean>();
  const load = new Map<number, number>();
  const lastOffer = new Map<number, Date | null>();
  for (const r of rows) {
    const id = Number(r.id);
    if (r.kind === 'u') {
      present.set(id, rawInstant(r.at));
      switchOn.set(id, Number(r.flag) === 1 || r.flag === true);
      load.set(id, (load.get(id) ?? 0) + Number(r.n));
    } else if (r.kind === 'l') lastOffer.set(id, rawInstant(r.at));
    else load.set(id, (load.get(id) ?? 0) + Number(r.n));
  }
  // Order does not matter: rankCandidates breaks every tie by id.
  return eligible.flatMap((entry) => {
    // The switch is read again in this transaction: it decides for those without shifts (or with a pattern-less row).
    if (!present.has(entry.id) || !onDutyAtWall(entry.duty, switchOn.get(entry.id) ?? false, wall)) return [];
    return [
      {
        id: entry.id,
        skills: entry.skills,
        siteIds: entry.siteIds,
        onDuty: true,
        load: load.get(entry.id) ?? 0,
        lastAssignedAt: latest(present.get(entry.id) ?? null, lastOffer.get(entry.id) ?? null),
      },
    ];
  });
}
