import { ConfigError, loadConfig } from './config';
import { startSystem } from './system';
import type { Deps } from './deps';
import { seedDemo, type DemoSummary } from './seed/demo';
import { existingDemo } from './seed/demo-summary';
import { Tenant } from './modules/tenants/tenant.entity';
import { publicAssetUrl } from './modules/assets/assets.presenter';
import { startStandinIfUnconfigured } from './wechat/dev-standin';

/** The lines a newcomer needs: where to scan, where to sign in, with what. */
export function demoBanner(base: string, demo: Omit<DemoSummary, 'password'> & { password: string | null }, first: boolean): string[] {
  const password = demo.password ? `password "${demo.password}"` : 'password changed since the demo was seeded';
  return [
    '',
    first ? '  Baoxiu demo tenant "demo" is ready (演示数据已生成)' : '  Baoxiu demo tenant "demo" (演示数据，已存在)',
    `  Reporter (扫码报修):   ${demo.assetCodes.map((a) => `\n    ${publicAssetUrl(base, a.code)}   ${a.name}`).join('')}`,
    `  Engineer / manager:   ${base}/  — sign in with tenant "demo"`,
    `  Users (${password}): ${demo.users.map((u) => `${u.username} (${u.role})`).join(', ')}`,
    `  API: ${base}/api   health: ${base}/healthz`,
    '',
  ];
}

/** Seeds the demo only on an empty database, and never in production unless asked; outside production a restart prints it again. */
async function maybeSeed(deps: Deps): Promise<void> {
  const { config, db, log } = deps;
  const empty = (await db.ds.getRepository(Tenant).count()) === 0;
  const wanted = config.seedDemo === 'true' || (config.seedDemo === 'auto' && empty && config.env !== 'production');
  const base = config.publicBaseUrl;
  const demo = wanted ? await seedDemo(deps) : null;
  if (!demo) {
    const existing = config.env !== 'production' && config.seedDemo !== 'false' ? await existingDemo(deps) : null;
    if (existing) process.stdout.write(`${demoBanner(base, existing, false).join('\n')}\n`);
    return;
  }
  log.info({ demo: { tenant: demo.tenant, users: demo.users.map((u) => u.username), assetCodes: demo.assetCodes } }, 'demo seeded');
  process.stdout.write(`${demoBanner(base, demo, true).join('\n')}\n`);
}

export async function run(role?: 'api' | 'worker' | 'all'): Promise<void> {
  const config = loadConfig(process.env, role ? { role } : {});
  const standinNote = await startStandinIfUnconfigured(config);
  if (standinNote) process.stdout.write(`${standinNote}\n`);
  const system = await startSystem(config, { beforeListen: maybeSeed });
  const { log } = system.deps;
  log.info({ role: config.role, port: config.port, database: system.deps.db.kind, queue: system.deps.queue.kind }, 'ready');
  // A worker has no server holding the event loop, and with the in-process queue nothing else does: stay up until signalled.
  const keepAlive = config.role === 'worker' ? setInterval(() => undefined, 60_000) : null;
  const shutdown = (signal: string) => {
    if (keepAlive) clearInterval(keepAlive);
    log.info({ signal }, 'shutting down: draining requests and jobs');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    system.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

export function exitOnFailure(err: unknown): never {
  const detail = err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`Baoxiu failed to start: ${detail}\n`);
  process.exit(1);
}
