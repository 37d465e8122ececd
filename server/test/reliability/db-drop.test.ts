import type { CreateTicketResponse } from '@baoxiu/shared';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import { freePort } from '../helpers/redis-server';
import { errorOf } from '../helpers/contract';
import { auth } from '../helpers/factories';
import { describeReliability, seedTenant, startStack, type Stack } from './helpers/stack';
import { eventually, explained, request, sleep, type Answer } from './helpers/processes';
import { TcpProxy } from './helpers/tcp-proxy';

describeReliability('the database connection dropping under a running API', () => {
  let stack: Stack;
  let proxy: TcpProxy;
  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL as string);
    proxy = new TcpProxy(await freePort(), { host: target.hostname, port: Number(target.port || 3306) });
    await proxy.start();
    // The API reaches MariaDB only through the proxy; the test itself talks to MariaDB directly.
    stack = await startStack({
      apiDatabaseUrl: (url) => {
        const u = new URL(url);
        u.hostname = '127.0.0.1';
        u.port = String(proxy.port);
        return u.toString();
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await proxy?.cut();
  });

  it('answers 503 NOT_READY with a clear message while the database is away, and serves again once it is back, without a restart', () =>
    explained(stack.processes, async () => {
      const { deps } = stack;
      const { tenant, assetCode } = await seedTenant(deps, 2);
      const api = await stack.spawn('api', 'api');
      const base = `http://127.0.0.1:${api.port}`;
      let seq = 0;
      const file = () =>
        request(
          'POST',
          `${base}/api/public/tickets`,
          { assetCode, description: '断网测试', contactPhone: '13700000000' },
          { 'idempotency-key': `db-drop-${String((seq += 1)).padStart(4, '0')}`, 'accept-language': 'en' },
        );
      const calls = (): Array<Promise<Answer>> => [
        file(),
        request('GET', `${base}/api/public/assets/${assetCode}`),
        request('GET', `${base}/api/tickets`, undefined, auth(tenant.dispatcher.token)),
        request('POST', `${base}/api/auth/login`, { tenant: tenant.slug, username: 'nobody', password: 'secret-pass' }),
      ];

      expect((await file()).status).toBe(201);
      expect((await Promise.all(calls())).map((a) => a.status)).toEqual([201, 200, 200, 401]);
      expect(proxy.connections).toBeGreaterThan(0);

      await proxy.cut();
      const ready = await request('GET', `${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.json).toMatchObject({ status: 'not_ready', checks: { database: false } });
      const outage: Answer[] = [];
      for (let round = 0; round < 3; round += 1) {
        outage.push(...(await Promise.all(calls())));
        await sleep(500);
      }
      expect(outage.map((a) => `${a.status} ${errorOf(a.json)?.code ?? ''}`)).toEqual(Array(outage.length).fill('503 NOT_READY'));
      expect(errorOf(outage[0].json)).toMatchObject({
        message: 'The service is temporarily unavailable',
        details: { reason: 'database unavailable' },
      });
      // Still the same process, a few seconds into the outage: the relay and the pool survived their errors.
      expect(api.alive).toBe(true);

      await proxy.restore();
      await eventually(async () => (await request('GET', `${base}/readyz`)).status === 200, '/readyz to answer 200 again', 20_000, 250);
      const back = await Promise.all(calls());
      expect(back.map((a) => a.status)).toEqual([201, 200, 200, 401]);
      const filed = (back[0].json as CreateTicketResponse).ticket.number;
      expect(await deps.db.ds.getRepository(Ticket).countBy({ tenantId: tenant.id })).toBe(3);
      expect(await deps.db.ds.getRepository(Ticket).existsBy({ number: filed, tenantId: tenant.id })).toBe(true);
      expect(api.alive).toBe(true);
    }));
});
