import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeEngineers, makeTenant, type TestTenant, type TestUser } from './helpers/factories';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { Offer } from '../src/modules/dispatch/offer.entity';
import { User } from '../src/modules/auth/user.entity';
import { countOpenJobs, recountOpenJobsSql } from '../src/modules/engineers/open-jobs';
import { prng } from '../src/lib/prng';
import { ManualClock } from '../src/lib/clock';
import { sweepDispatch } from '../src/modules/dispatch/dispatch.jobs';
import { recountOfferLoadsSql } from '../src/modules/dispatch/offer-load';

const JOB_STEPS = ['accept', 'decline', 'travel', 'arrive', 'wait-customer', 'resume', 'resolve'] as const;
/** The engineer's steps that may succeed from a status (most steps pick one, the rest any step, to hit refusals too). */
const NEXT: Record<string, ReadonlyArray<(typeof JOB_STEPS)[number]>> = {
  offered: ['accept', 'decline'],
  accepted: ['travel', 'arrive'],
  en_route: ['arrive'],
  on_site: ['wait-customer', 'resolve'],
  waiting_customer: ['resume'],
};

interface Load {
  openJobs: number;
  pendingOffers: number;
  lastOfferedAt: number | null;
}

describe.each(DRIVERS)(
  'the dispatch load counters on users (openJobs, pendingOffers, lastOfferedAt) always equal what the tickets and offers say, on %s',
  (driver) => {
    let sys: TestSystem;
    const clock = new ManualClock('2026-11-23T01:00:00Z');
    beforeAll(async () => {
      sys = await startTestSystem(driver, { clock });
    });
    afterAll(async () => {
      await sys.stop();
    });

    async function counters(tenantId: number): Promise<Map<number, Load>> {
      const rows = await sys.deps.db.ds.getRepository(User).find({
        where: { tenantId, role: 'engineer' },
        select: { id: true, openJobs: true, pendingOffers: true, lastOfferedAt: true },
      });
      return new Map(
        rows.map((r) => [
          r.id,
          { openJobs: r.openJobs, pendingOffers: r.pendingOffers, lastOfferedAt: r.lastOfferedAt?.getTime() ?? null },
        ]),
      );
    }
    async function recounted(tenantId: number, engineers: TestUser[]): Promise<Map<number, Load>> {
      const counted = await countOpenJobs(sys.deps, tenantId);
      const offers = await sys.deps.db.ds.getRepository(Offer).findBy({ tenantId });
      return new Map(
        engineers.map((e) => {
          const theirs = offers.filter((o) => o.engineerId === e.id);
          const last = Math.max(...theirs.map((o) => o.createdAt.getTime()));
          return [
            e.id,
            {
              openJobs: counted.get(e.id) ?? 0,
              pendingOffers: theirs.filter((o) => o.status === 'pending').length,
              lastOfferedAt: theirs.length > 0 ? last : null,
            },
          ];
        }),
      );
    }

    it.each(['auto', 'pool'] as const)(
      'after every step of a random run of file, accept, decline, offer timeout, travel, arrive, wait, resume, resolve, assign, reassign and cancel (%s mode)',
      async (mode) => {
        const tenant: TestTenant = await makeTenant(sys.deps, { dispatchMode: mode, offerTimeoutSeconds: 120 });
        const engineers = await makeEngineers(sys.deps, tenant.id, 3);
        const byId = new Map(engineers.map((e) => [e.id, e]));
        const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category: '空调' });
        const rnd = prng((driver === 'sqlite' ? 16 : 61) + (mode === 'pool' ? 7 : 0));
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
        const numbers: string[] = [];
        const succeeded = new Set<string>();
        let filed = 0;
        // The counters were above zero at some step (more than one pending offer on an engineer at once, too).
        const seen = { openJobs: false, pendingOffers: false };

        for (let step = 0; step < 160; step += 1) {
          const open = numbers.length === 0 ? null : pick(numbers);
          const roll = rnd();
          if (!open || roll < 0.15) {
            const res = await sys.http
              .post('/api/public/tickets')
              .set('Idempotency-Key', `open-jobs-${mode}-${driver}-${Date.now()}-${(filed += 1)}`)
              .send({ assetCode: asset.code, description: '不制冷', contactPhone: '13700000000' })
              .expect(201);
            const number: string = res.body.ticket.number;
            numbers.push(number);
            await waitFor(async () => {
              const t = await sys.deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: tenant.id, number });
              return t?.status === 'offered' || t?.needsDispatcher ? t : null;
            }, 'dispatch');
            succeeded.add('file');
          } else {
            const ticket = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: tenant.id, number: open });
            let action: string;
            let status: number;
            if (roll < 0.22) {
              // Time passes: offers out longer than the timeout expire (auto: the next engineer is asked; pool: the dispatcher).
              action = 'timeout';
              clock.advance(60_000 + Math.floor(rnd() * 90_000));
              status = (await sweepDispatch(sys.deps)) > 0 ? 200 : 204;
            } else if (roll < 0.3) {
              action =
                ticket.engineerId !== null && ['accepted', 'en_route', 'on_site', 'waiting_customer'].includes(ticket.status)
                  ? 'reassign'
                  : 'assign';
              const to = pick(engineers);
              status = (await sys.http.post(`/api/tickets/${open}/assign`).set(auth(tenant.dispatcher.token)).send({ engineerId: to.id }))
                .status;
            } else if (roll < 0.38) {
              action = 'cancel';
              status = (await sys.http.post(`/api/tickets/${open}/cancel`).set(auth(tenant.admin.token)).send({ reason: '重复' })).status;
            } else {
              action = NEXT[ticket.status] && rnd() < 0.75 ? pick(NEXT[ticket.status]) : pick(JOB_STEPS);
              // Whoever the job is with (a pending offer's engineer, else the ticket's), sometimes someone else.
              const pending = await sys.deps.db.ds.getRepository(Offer).findOneBy({ ticketId: ticket.id, status: 'pending' });
              const holder = byId.get(pending?.engineerId ?? ticket.engineerId ?? -1);
              const who = holder && rnd() < 0.85 ? holder : pick(engineers);
              const body = action === 'decline' ? { reason: '在忙' } : action === 'resolve' ? { notes: '已修好' } : {};
              status = (await sys.http.post(`/api/engineer/jobs/${open}/${action}`).set(auth(who.token)).send(body)).status;
            }
            expect(status).toBeLessThan(500);
            if (status === 200) succeeded.add(action);
          }
          const now = await counters(tenant.id);
          expect({ step, counters: now }).toEqual({ step, counters: await recounted(tenant.id, engineers) });
          for (const n of now.values()) {
            seen.openJobs ||= n.openJobs > 0;
            seen.pendingOffers ||= n.pendingOffers > 1;
          }
        }
        // The run moved jobs in and out of the engineers' hands in every way that changes the count.
        for (const action of ['file', 'accept', 'decline', 'timeout', 'travel', 'resolve', 'cancel', 'assign', 'reassign'])
          expect([...succeeded]).toContain(action);
        // And the back-fills (migrations, SQLite start, bench seeder) agree with the kept counters.
        const before = await counters(tenant.id);
        for (const recount of [recountOpenJobsSql(tenant.id), recountOfferLoadsSql(tenant.id)])
          await sys.deps.db.ds.query(recount.sql, recount.params);
        expect(await counters(tenant.id)).toEqual(before);
        expect(seen).toEqual({ openJobs: true, pendingOffers: true });
        expect([...before.values()].some((n) => n.lastOfferedAt !== null)).toBe(true);
      },
    );

    it('is not written back by saving an engineer read before the count moved (admin edits use em.save)', async () => {
      const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
      const [engineer] = await makeEngineers(sys.deps, tenant.id, 1);
      const users = sys.deps.db.ds.getRepository(User);
      const stale = await users.findOneByOrFail({ id: engineer.id });
      expect(stale.openJobs).toBe(0);
      const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category: '空调' });
      const res = await sys.http
        .post('/api/public/tickets')
        .set('Idempotency-Key', `open-jobs-stale-${driver}-${Date.now()}`)
        .send({ assetCode: asset.code, description: '不制冷', contactPhone: '13700000000' })
        .expect(201);
      const number: string = res.body.ticket.number;
      await waitFor(
        async () => (await sys.deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: tenant.id, number }))?.status === 'offered' || null,
        'offer',
      );
      await sys.http.post(`/api/engineer/jobs/${number}/accept`).set(auth(engineer.token)).expect(200);
      expect((await users.findOneByOrFail({ id: engineer.id })).openJobs).toBe(1);
      stale.name = '改过名 Renamed';
      await users.save(stale);
      const after = await users.findOneByOrFail({ id: engineer.id });
      expect({ name: after.name, openJobs: after.openJobs }).toEqual({ name: '改过名 Renamed', openJobs: 1 });
    });
  },
);
