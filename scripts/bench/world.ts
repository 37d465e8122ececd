/** Seeds the bench tenants before the server starts, and talks to the running server as its users would. */
import { User } from '../../server/src/modules/auth/user.entity';
import { signStaffToken } from '../../server/src/modules/auth/auth.middleware';
import type { BenchMode } from './options';
import type { BenchWorld } from './setup';
import { openSeedWriter, progressPrinter } from './seed-tickets';
import { seedTenant, type SeededTenant } from './seed/seed';
import { buildKpiRollups, type RollupBuild } from './seed/rollups';

/** The demo tenant's password when DEMO_PASSWORD is not set (the bench does not set it). */
const DEMO_PASSWORD = 'demo123';

export interface BenchTenants {
  /** mode.tickets tickets over a year: the list rows. */
  big: SeededTenant;
  /** 5,000 engineers: the dispatch decision. */
  crowd: SeededTenant;
  /** Auto mode, every engineer eligible: intake → offered. */
  latency: SeededTenant;
  /** Pool mode, 50 engineers all eligible: the accept race. */
  race: SeededTenant;
  /** Auto mode, every engineer eligible, no tickets: the scale-out row (2 API + 2 workers). */
  scale: SeededTenant;
  /** Manual mode, one engineer on site for 51 tickets on 51 assets (one resolved alone first): the parts race. */
  parts: SeededTenant;
  /** The KPI rollup built over all of them after seeding (as the worker's sweep keeps it). */
  kpiRollup: RollupBuild;
}

export async function seedBenchTenants(world: BenchWorld, mode: BenchMode): Promise<BenchTenants> {
  const w = await openSeedWriter(world.seedTarget);
  let seeded: Omit<BenchTenants, 'kpiRollup'>;
  try {
    const big = await seedTenant(w, { slug: 'bench-big', tickets: mode.tickets, onProgress: progressPrinter('bench-big') });
    process.stderr.write('\n');
    const crowd = await seedTenant(w, {
      slug: 'bench-crowd',
      engineers: mode.dispatchEngineers,
      tickets: mode.dispatchTickets,
      seed: 7,
    });
    const latency = await seedTenant(w, { slug: 'bench-latency', engineers: 30, tickets: 0, sites: 2, assets: 50, generalists: true });
    const race = await seedTenant(w, {
      slug: 'bench-race',
      engineers: 50,
      tickets: 0,
      sites: 1,
      assets: 5,
      generalists: true,
      dispatchMode: 'pool',
    });
    const scale = await seedTenant(w, { slug: 'bench-scale', engineers: 30, tickets: 0, sites: 2, assets: 50, generalists: true });
    const parts = await seedTenant(w, {
      slug: 'bench-parts',
      engineers: 1,
      tickets: 0,
      sites: 1,
      assets: 51,
      generalists: true,
      dispatchMode: 'manual',
    });
    seeded = { big, crowd, latency, race, scale, parts };
  } finally {
    await w.close();
  }
  const kpiRollup = await buildKpiRollups(
    world.seedTarget,
    Object.values(seeded).map((t) => t.tenantId),
  );
  return { ...seeded, kpiRollup };
}

/** A token exactly as sign-in would issue it (the bench knows the server's JWT secret). */
export function tokenFor(world: BenchWorld, tenantId: number, userId: number, role: User['role']): string {
  return signStaffToken(world.jwtSecret, Object.assign(new User(), { id: userId, tenantId, role }));
}

/** Signs in through the API like the manager would (the demo is seeded just after the server listens), and reads the asset codes. */
export async function demoAssetCodes(origin: string): Promise<string[]> {
  const until = Date.now() + 30_000;
  let login: Response;
  for (;;) {
    login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo', username: 'admin', password: DEMO_PASSWORD }),
    });
    if (login.status === 200 || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (login.status !== 200) throw new Error(`demo sign-in answered ${login.status}: ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${origin}/api/assets?pageSize=100`, { headers: { authorization: `Bearer ${token}` } });
  const page = (await res.json()) as { items: Array<{ code: string }> };
  if (page.items.length === 0) throw new Error('the demo tenant has no assets');
  return page.items.map((a) => a.code);
}
