import type { EntityManager } from 'typeorm';
import { User } from '../auth/user.entity';
import { Tenant } from '../tenants/tenant.entity';
import { rawInstant } from '../../lib/time';
import { isEligible, type Candidate, type JobNeeds } from './dispatch.scoring';
import { compileDuty, onDutyAtWall, wallInstant, type CompiledDuty } from './duty';
import { EngineerShift } from './shift.entity';
import { placeholders } from '../../db/columns';

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
 * roster filtered in memory, then one query over the eligible few: their user rows and the counters on them.
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
  // One statement over the eligible few by primary key: what is on their plate and when they last got a job come from
  // counters on their rows, kept by the transactions that change them (`openJobs` by guardedUpdate, `pendingOffers` and
  // `lastOfferedAt` by offer-load.ts). Counting tickets and offers here instead was the costliest part of a decision.
  const ids = eligible.map((e) => e.id);
  const rows = await em.query<
    Array<{
      id: number | string;
      onDuty: number | string | boolean;
      openJobs: number | string;
      pendingOffers: number | string;
      lastAssignedAt: Date | string | null;
      lastOfferedAt: Date | string | null;
    }>
  >(
    `SELECT id, onDuty, openJobs, pendingOffers, lastAssignedAt, lastOfferedAt
       FROM users WHERE tenantId = ? AND active = ? AND id IN (${placeholders(ids)})`,
    [tenant.id, true, ...ids],
  );
  const present = new Map<number, Date | null>();
  const switchOn = new Map<number, boolean>();
  const load = new Map<number, number>();
  for (const r of rows) {
    const id = Number(r.id);
    present.set(id, latest(rawInstant(r.lastAssignedAt), rawInstant(r.lastOfferedAt)));
    switchOn.set(id, Number(r.onDuty) === 1 || r.onDuty === true);
    // Never below zero, whatever a counter says (a file written before the counters is recounted at start).
    load.set(id, Math.max(0, Number(r.openJobs)) + Math.max(0, Number(r.pendingOffers)));
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
        lastAssignedAt: present.get(entry.id) ?? null,
      },
    ];
  });
}
