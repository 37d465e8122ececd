import { randomBytes } from 'node:crypto';
import type { ManualClock } from '../../src/lib/clock';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import { startTestSystem, waitFor, type Driver, type TestSystem } from './system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './factories';
import { fileTicket } from './contract';

/**
 * One manual-dispatch tenant with an engineer, an asset and the given SLA targets, for the SLA sweep and
 * escalation suites (started before the `describe`'s tests, stopped after them). The offer timeout is a month, so
 * no offer expiry races the sweep.
 */
export function slaFixture(driver: Driver, clock: ManualClock, targets: readonly object[]) {
  let sys: TestSystem | undefined;
  let tenant: TestTenant | undefined;
  let engineer: TestUser | undefined;
  let code = '';
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the SLA fixture is used outside its tests');
    return value;
  };

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    tenant = await makeTenant(sys.deps, { dispatchMode: 'manual', offerTimeoutSeconds: 86_400 * 30 });
    engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    code = (await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code;
    await sys.http.put('/api/settings/sla').set(auth(tenant.admin.token)).send({ targets }).expect(200);
  });
  afterAll(() => sys?.stop());

  const f = {
    get sys() {
      return need(sys);
    },
    get tenant() {
      return need(tenant);
    },
    get engineer() {
      return need(engineer);
    },
    /** Files a normal (or `urgency`) repair on the fixture's asset at `at`. */
    file(at: string, urgency = 'normal') {
      clock.set(at);
      return fileTicket(f.sys.http, `sla-${randomBytes(6).toString('hex')}`, {
        assetCode: code,
        description: '漏水',
        contactPhone: '13800138000',
        urgency,
      });
    },
    row(number: string) {
      return f.sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: f.tenant.id, number });
    },
    /** Waits until dispatch (manual mode) handed the ticket to the dispatcher. */
    dispatched(number: string) {
      return waitFor(async () => (await f.row(number)).needsDispatcher, `dispatch of ${number}`);
    },
    job(number: string, action: string, body: object = {}) {
      return f.sys.http.post(`/api/engineer/jobs/${number}/${action}`).set(auth(f.engineer.token)).send(body).expect(200);
    },
    /** The dispatcher assigns the fixture's engineer, who accepts. */
    async accept(number: string) {
      await f.dispatched(number);
      await f.sys.http
        .post(`/api/tickets/${number}/assign`)
        .set(auth(f.tenant.dispatcher.token))
        .send({ engineerId: f.engineer.id })
        .expect(200);
      await f.job(number, 'accept');
    },
  };
  return f;
}
