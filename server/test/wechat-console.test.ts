import { ManualClock } from '../src/lib/clock';
import { DRIVERS, type TestSystem } from './helpers/system';
import { auth, makeTenant, makeUser, type TestTenant } from './helpers/factories';
import { bindStaff, configureTemplates, subscribe, templateId } from './helpers/notify';
import { startStandinSystem, type TestStandin } from './helpers/wechat';

interface StaffRow {
  id: number;
  bound: boolean;
  needsSubscription: boolean;
  templates: Array<{ kind: string; templateId: string; credits: number; refused: boolean }>;
}

/** What the console's "Engineers & WeChat" and "WeChat settings" pages rely on. */
describe.each(DRIVERS)("the console's WeChat pages on %s", (driver) => {
  let standin: TestStandin;
  let sys: TestSystem;
  let clock: ManualClock;

  let stopAll: () => Promise<void>;
  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-03-02T08:00:00.000Z'));
    ({ standin, sys, stop: stopAll } = await startStandinSystem(driver, { clock }));
  });
  afterAll(() => stopAll());

  const staffList = async (tenant: TestTenant): Promise<StaffRow[]> =>
    (await sys.http.get('/api/staff/wechat').set(auth(tenant.dispatcher.token)).expect(200)).body.items;

  it('lists every staff member with the credit left per template of their role, flagging only linked ones out of credit', async () => {
    const tenant = await makeTenant(sys.deps);
    await configureTemplates(sys, tenant);
    const unlinked = await makeUser(sys.deps, tenant.id, 'engineer');
    const spent = await makeUser(sys.deps, tenant.id, 'engineer');
    const topped = await makeUser(sys.deps, tenant.id, 'engineer');
    await bindStaff(sys, standin, tenant, spent.id, `console-spent-${driver}`);
    const wx = await bindStaff(sys, standin, tenant, topped.id, `console-topped-${driver}`);
    await subscribe(sys, wx, 'staff', tenant, ['job_offered', 'job_assigned', 'job_reassigned'], 2);

    const rows = new Map((await staffList(tenant)).map((r) => [r.id, r]));
    const engineerKinds = ['job_offered', 'job_assigned', 'job_reassigned'];
    expect(rows.get(unlinked.id)).toMatchObject({ bound: false, needsSubscription: false });
    expect(rows.get(unlinked.id)?.templates.map((t) => t.kind)).toEqual(engineerKinds);
    expect(rows.get(spent.id)).toMatchObject({ bound: true, needsSubscription: true });
    expect(rows.get(spent.id)?.templates.every((t) => t.credits === 0)).toBe(true);
    expect(rows.get(topped.id)).toMatchObject({ bound: true, needsSubscription: false });
    expect(rows.get(topped.id)?.templates).toContainEqual({
      kind: 'job_offered',
      templateId: templateId(tenant, 'job_offered'),
      credits: 2,
      refused: false,
    });
    // Dispatchers and admins are listed with the dispatcher's templates.
    expect(rows.get(tenant.admin.id)?.templates.map((t) => t.kind)).toEqual([
      'offer_exhausted',
      'ticket_reopened',
      'ticket_urged',
      'sla_escalated',
      'low_stock',
    ]);
  });

  it('gives an admin a single-use invite QR that expires after 24 hours unless told otherwise', async () => {
    const tenant = await makeTenant(sys.deps);
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer', { name: '赵工' });
    const res = await sys.http.post(`/api/staff/${engineer.id}/wechat-invite`).set(auth(tenant.admin.token)).send({}).expect(201);
    expect(res.body.invite).toMatchObject({
      url: expect.stringMatching(/\/pages\/engineer\/login\/index\?invite=[\w-]{20,64}$/),
      expiresAt: new Date(clock.now().getTime() + 24 * 3_600_000).toISOString(),
      qrSvg: expect.stringMatching(/<svg[\s\S]*<\/svg>\s*$/),
      user: { id: engineer.id, name: '赵工', role: 'engineer' },
    });
    const short = await sys.http
      .post(`/api/staff/${engineer.id}/wechat-invite`)
      .set(auth(tenant.admin.token))
      .send({ ttlHours: 2 })
      .expect(201);
    expect(short.body.invite.expiresAt).toBe(new Date(clock.now().getTime() + 2 * 3_600_000).toISOString());
    const bad = await sys.http
      .post(`/api/staff/${engineer.id}/wechat-invite`)
      .set(auth(tenant.admin.token))
      .send({ ttlHours: 0 })
      .expect(400);
    expect(bad.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [expect.objectContaining({ path: 'ttlHours' })] },
    });
  });

  it("answers a dispatcher's invite or unlink with 403 FORBIDDEN and a message, changing nothing", async () => {
    const tenant = await makeTenant(sys.deps);
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    await bindStaff(sys, standin, tenant, engineer.id, `console-403-${driver}`);
    const invite = await sys.http
      .post(`/api/staff/${engineer.id}/wechat-invite`)
      .set(auth(tenant.dispatcher.token))
      .set('Accept-Language', 'en')
      .send({})
      .expect(403);
    expect(invite.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'You are not allowed to do this' });
    const unlink = await sys.http.delete(`/api/staff/${engineer.id}/wechat`).set(auth(tenant.dispatcher.token)).expect(403);
    expect(unlink.body.error).toMatchObject({ code: 'FORBIDDEN', message: '没有权限执行此操作' });
    expect((await staffList(tenant)).find((r) => r.id === engineer.id)).toMatchObject({ bound: true });

    // The admin can; someone of another company is not found.
    expect((await sys.http.delete(`/api/staff/${engineer.id}/wechat`).set(auth(tenant.admin.token)).expect(200)).body).toEqual({
      bound: false,
    });
    expect((await staffList(tenant)).find((r) => r.id === engineer.id)).toMatchObject({ bound: false, needsSubscription: false });
    const other = await makeTenant(sys.deps);
    const res = await sys.http.post(`/api/staff/${engineer.id}/wechat-invite`).set(auth(other.admin.token)).send({}).expect(404);
    expect(res.body.error.code).toBe('STAFF_NOT_FOUND');
  });

  it('refuses bad template settings naming every bad field, and keeps what was saved before', async () => {
    const tenant = await makeTenant(sys.deps);
    const good = { kind: 'ticket_closed', templateId: 'tpl-closed-0001', fields: { character_string1: 'ticketNumber', phrase3: 'status' } };
    await sys.http
      .put('/api/settings/wechat')
      .set(auth(tenant.admin.token))
      .send({ templates: [good] })
      .expect(200);

    const bad = await sys.http
      .put('/api/settings/wechat')
      .set(auth(tenant.admin.token))
      .send({
        templates: [
          { kind: 'job_offered', templateId: 'bad id!', fields: { thing2: 'assetName' } },
          { kind: 'ticket_closed', templateId: 'tpl-closed-0002', fields: { subject1: 'status', thing2: 'nonsense' } },
          { kind: 'ticket_accepted', templateId: 'tpl-accepted-01', fields: {} },
        ],
      })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const paths = (bad.body.error.details.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['templates.0.templateId', 'templates.2.fields']));
    expect(paths.filter((p) => p.startsWith('templates.1.fields')).length).toBeGreaterThanOrEqual(2);

    const twice = await sys.http
      .put('/api/settings/wechat')
      .set(auth(tenant.admin.token))
      .send({ templates: [good, good] })
      .expect(400);
    expect(twice.body.error.details.issues).toEqual([expect.objectContaining({ path: 'templates', message: 'one template per kind' })]);

    const now = await sys.http.get('/api/settings/wechat').set(auth(tenant.dispatcher.token)).expect(200);
    expect(now.body).toEqual({ settings: { mode: 'standin', templates: [good] } });
    await sys.http.put('/api/settings/wechat').set(auth(tenant.dispatcher.token)).send({ templates: [] }).expect(403);
  });
});
