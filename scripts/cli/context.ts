import 'reflect-metadata';
import { loadConfig } from '../../server/src/config';
import { buildDeps } from '../../server/src/system';
import type { Deps } from '../../server/src/deps';
import { Tenant } from '../../server/src/modules/tenants/tenant.entity';
import { createLogger } from '../../server/src/lib/logger';

/** Opens the configured database (the same env as the server) for a one-off command, and a way to close it. */
export async function openCli(): Promise<{ deps: Deps; close: () => Promise<void> }> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const deps = await buildDeps(config, { log: createLogger(config.logLevel) });
  return {
    deps,
    close: async () => {
      await deps.queue.close();
      await deps.kv.close();
      await deps.db.close();
    },
  };
}

export async function tenantBySlug(deps: Deps, slug: string): Promise<Tenant> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneBy({ slug: slug.toLowerCase() });
  if (!tenant) throw new Error(`no tenant "${slug}" (租户不存在)`);
  return tenant;
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
