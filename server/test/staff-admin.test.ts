import type { StaffView } from '@baoxiu/shared';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant } from './helpers/factories';
import { expectError, issuePaths } from './helpers/contract';
import { Ticket } from '../src/modules/tickets/ticket.entity';

describe.each(DRIVERS)('staff administration on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  let n = 0;
  const uname = (prefix: string) => `${prefix}-${driver}-${Date.now().toString(36)}-${(n += 1)}`;
  const login = (tenant: TestTenant, username: string, password: string) =>
    sys.http.post('/api/auth/login').send({ tenant: tenant.slug, username, password });
  const create = (tenant: TestTenant, body: object) => sys.http.post('/api/staff').set(auth(tenant.admin.token)).send(body);
  const list = async (tenant: TestTenant): Promise<StaffView[]> =>
    (await sys.http.get('/api/staff').set(auth(tenant.admin.token)).expect(200)).body.items;

  it('creates an engineer who can sign in at once and is offered a job in their skill', async () => {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    const username = uname('eng');
    const res = await create(tenant, {
      role: 'engineer',
      username,
      name: '新工程师 New',
      password: 'first-pass',
      phone: '13900000001',
      skills: ['空调'],
      siteIds: [tenant.siteIds[0]],
    }).expect(201);
    const staff: StaffView = res.body.staff;
    expect(staff).toMatchObject({
      username,
      role: 'engineer',
      active: true,
      onDuty: true,
      skills: ['空调'],
      siteIds: [tenant.siteIds[0]],
      openJobs: 0,
    });

    const signedIn = await login(tenant, username, 'first-pass').expect(200);
    expect(signedIn.body.user).toEqual({ id: staff.id, name: '新工程师 New', role: 'engineer' });
    await sys.http.get('/api/engineer/jobs?status=offered').set(auth(signedIn.body.token)).expect(200);

    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category: '空调' });
    const filed = await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', uname('key'))
      .send({ assetCode: asset.code, description: '不制冷', contactPhone: '13700000000' })
      .expect(201);
    const ticket = await waitFor(async () => {
      const t = await sys.deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: tenant.id, number: filed.body.ticket.number });
      return t?.status === 'offered' ? t : null;
    }, 'offer to the new engineer');
    expect(ticket.status).toBe('offered');
  });

  it('creates a dispatcher and an admin whose tokens carry their role', async () => {
    const tenant = await makeTenant(sys.deps);
    for (const role of ['dispatcher', 'admin'] as const) {
      const username = uname(role);
      await create(tenant, { role, username, name: `${role} 新人`, password: 'secret-pass' }).expect(201);
      const token = (await login(tenant, username, 'secret-pass').expect(200)).body.token as string;
      await sys.http.get('/api/tickets').set(auth(token)).expect(200);
      const staffList = await sys.http.get('/api/staff').set(auth(token));
      expect(staffList.status).toBe(role === 'admin' ? 200 : 403);
    }
  });

  it('answers a taken username with 409 USERNAME_TAKEN, also when its owner is disabled, and creates nothing', async () => {
    const tenant = await makeTenant(sys.deps);
    const username = uname('dup');
    const first = (await create(tenant, { role: 'engineer', username, name: '甲', password: 'secret-pass' }).expect(201)).body
      .staff as StaffView;
    const before = (await list(tenant)).length;
    const taken = expectError(
      await create(tenant, { role: 'dispatcher', username, name: '乙', password: 'secret-pass' }),
      409,
      'USERNAME_TAKEN',
    );
    expect(taken.details).toEqual({ username });
    expect(taken.message).toMatch(/已被占用/);
    await sys.http.post(`/api/staff/${first.id}/disable`).set(auth(tenant.admin.token)).expect(200);
    expectError(await create(tenant, { role: 'engineer', username, name: '丙', password: 'secret-pass' }), 409, 'USERNAME_TAKEN');
    expect((await list(tenant)).length).toBe(before);
    // Another tenant may use the same username.
    const other = await makeTenant(sys.deps);
    await create(other, { role: 'engineer', username, name: '丁', password: 'secret-pass' }).expect(201);
  });

  it('refuses a bad body naming every bad field', async () => {
    const tenant = await makeTenant(sys.deps);
    const error = expectError(await create(tenant, { role: 'boss', username: 'a b', name: '', password: '123' }), 400, 'VALIDATION_FAILED');
    expect(issuePaths(error).sort()).toEqual(['name', 'password', 'role', 'username']);
    expectError(
      await create(tenant, { role: 'engineer', username: uname('x'), name: 'x', password: 'secret-pass', siteIds: [2_000_000] }),
      404,
      'SITE_NOT_FOUND',
    );
  });

  it('lists every account of the tenant with its role, disabled ones included, and nobody of another tenant', async () => {
    const tenant = await makeTenant(sys.deps);
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    await makeUser(sys.deps, (await makeTenant(sys.deps)).id, 'engineer');
    await sys.http.post(`/api/staff/${engineer.id}/disable`).set(auth(tenant.admin.token)).expect(200);
    const items = await list(tenant);
    expect(items.map((s) => [s.id, s.role, s.active])).toEqual([
      [tenant.admin.id, 'admin', true],
      [tenant.dispatcher.id, 'dispatcher', true],
      [engineer.id, 'engineer', false],
    ]);
  });

  it('edits a profile and the role, switches duty, and keeps the username', async () => {
    const tenant = await makeTenant(sys.deps);
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    const patch = (body: object) => sys.http.patch(`/api/staff/${engineer.id}`).set(auth(tenant.admin.token)).send(body);
    const edited = (await patch({ name: '改名 Renamed', phone: '13911112222', skills: ['电梯'], siteIds: [tenant.siteIds[1]] }).expect(200))
      .body.staff;
    expect(edited).toMatchObject({
      name: '改名 Renamed',
      phone: '13911112222',
      skills: ['电梯'],
      siteIds: [tenant.siteIds[1]],
      username: engineer.username,
    });
    expect((await patch({ onDuty: false }).expect(200)).body.staff.onDuty).toBe(false);
    expect((await sys.http.get(`/api/engineers/${engineer.id}`).set(auth(tenant.dispatcher.token)).expect(200)).body.engineer.onDuty).toBe(
      false,
    );
    expect((await patch({ role: 'dispatcher' }).expect(200)).body.staff.role).toBe('dispatcher');
    // Now a dispatcher: the desk opens, the engineer's job list does not.
    const token = (await login(tenant, engineer.username, 'secret-pass').expect(200)).body.token as string;
    await sys.http.get('/api/tickets').set(auth(token)).expect(200);
    expectError(await sys.http.get('/api/engineer/jobs').set(auth(token)), 403, 'FORBIDDEN');
  });

  it('disables an account so it can neither sign in nor use its token, and enables it again', async () => {
    const tenant = await makeTenant(sys.deps);
    const dispatcher = await makeUser(sys.deps, tenant.id, 'dispatcher');
    await sys.http.get('/api/tickets').set(auth(dispatcher.token)).expect(200);
    const disabled = (await sys.http.post(`/api/staff/${dispatcher.id}/disable`).set(auth(tenant.admin.token)).expect(200)).body.staff;
    expect(disabled.active).toBe(false);
    expectError(await sys.http.get('/api/tickets').set(auth(dispatcher.token)), 401, 'TOKEN_INVALID');
    expectError(await login(tenant, dispatcher.username, 'secret-pass'), 401, 'INVALID_CREDENTIALS');
    expect((await sys.http.post(`/api/staff/${dispatcher.id}/enable`).set(auth(tenant.admin.token)).expect(200)).body.staff.active).toBe(
      true,
    );
    await login(tenant, dispatcher.username, 'secret-pass').expect(200);
  });

  it('does not let an admin disable themselves or change their own role', async () => {
    const tenant = await makeTenant(sys.deps);
    expectError(await sys.http.post(`/api/staff/${tenant.admin.id}/disable`).set(auth(tenant.admin.token)), 422, 'CANNOT_DISABLE_SELF');
    expectError(
      await sys.http.patch(`/api/staff/${tenant.admin.id}`).set(auth(tenant.admin.token)).send({ role: 'engineer' }),
      422,
      'CANNOT_CHANGE_OWN_ROLE',
    );
    // Their own name is theirs to change.
    await sys.http.patch(`/api/staff/${tenant.admin.id}`).set(auth(tenant.admin.token)).send({ name: '我 Me', role: 'admin' }).expect(200);
    await sys.http.get('/api/staff').set(auth(tenant.admin.token)).expect(200);
  });

  it('does not disable or demote an engineer who holds an accepted job', async () => {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer', { skills: ['空调'] });
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category: '空调' });
    const filed = await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', uname('key'))
      .send({ assetCode: asset.code, description: '漏水', contactPhone: '13700000000' })
      .expect(201);
    const number = filed.body.ticket.number as string;
    await waitFor(
      async () => (await sys.deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: tenant.id, number }))?.status === 'offered' || null,
      'offer',
    );
    await sys.http.post(`/api/engineer/jobs/${number}/accept`).set(auth(engineer.token)).expect(200);
    expectError(await sys.http.post(`/api/staff/${engineer.id}/disable`).set(auth(tenant.admin.token)), 422, 'ENGINEER_HAS_OPEN_JOBS');
    expectError(
      await sys.http.patch(`/api/staff/${engineer.id}`).set(auth(tenant.admin.token)).send({ role: 'dispatcher' }),
      422,
      'ENGINEER_HAS_OPEN_JOBS',
    );
    expect((await list(tenant)).find((s) => s.id === engineer.id)).toMatchObject({ active: true, role: 'engineer', openJobs: 1 });
  });

  it('resets a password: the old one stops working, the new one signs in', async () => {
    const tenant = await makeTenant(sys.deps);
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    const reset = (password: string) =>
      sys.http.post(`/api/staff/${engineer.id}/password`).set(auth(tenant.admin.token)).send({ password });
    expectError(await reset('123'), 400, 'VALIDATION_FAILED');
    await reset('brand-new-pass').expect(200);
    expectError(await login(tenant, engineer.username, 'secret-pass'), 401, 'INVALID_CREDENTIALS');
    await login(tenant, engineer.username, 'brand-new-pass').expect(200);
  });

  it("ends a person's sessions when an admin changes their role, disables them or resets their password", async () => {
    const tenant = await makeTenant(sys.deps);
    const [promoted, disabled, reset] = await Promise.all(
      ['dispatcher', 'dispatcher', 'engineer'].map((r) => makeUser(sys.deps, tenant.id, r as 'dispatcher' | 'engineer')),
    );
    const probe = (token: string, path = '/api/tickets') => sys.http.get(path).set(auth(token));
    await probe(promoted.token).expect(200);
    await probe(disabled.token).expect(200);
    await probe(reset.token, '/api/engineer/jobs').expect(200);

    await sys.http.patch(`/api/staff/${promoted.id}`).set(auth(tenant.admin.token)).send({ role: 'admin' }).expect(200);
    await sys.http.post(`/api/staff/${disabled.id}/disable`).set(auth(tenant.admin.token)).expect(200);
    await sys.http.post(`/api/staff/${reset.id}/password`).set(auth(tenant.admin.token)).send({ password: 'brand-new-pass' }).expect(200);

    // A token issued before the change carries the old role or password: it no longer works.
    expect((await probe(promoted.token)).status).toBe(401);
    expect((await probe(disabled.token)).status).toBe(401);
    expect((await probe(reset.token, '/api/engineer/jobs')).status).toBe(401);
    // A fresh sign-in carries the new role.
    const fresh = await login(tenant, promoted.username, 'secret-pass').expect(200);
    expect(fresh.body.user.role).toBe('admin');
    await sys.http.get('/api/staff').set(auth(fresh.body.token)).expect(200);
  });

  it("answers an unknown or another tenant's account with 404 STAFF_NOT_FOUND", async () => {
    const tenant = await makeTenant(sys.deps);
    const other = await makeTenant(sys.deps);
    for (const id of [other.dispatcher.id, 2_000_000_000]) {
      expectError(await sys.http.patch(`/api/staff/${id}`).set(auth(tenant.admin.token)).send({ name: 'x' }), 404, 'STAFF_NOT_FOUND');
      expectError(
        await sys.http.post(`/api/staff/${id}/password`).set(auth(tenant.admin.token)).send({ password: 'hijacked' }),
        404,
        'STAFF_NOT_FOUND',
      );
    }
    await login(other, (await list(other)).find((s) => s.id === other.dispatcher.id)?.username ?? '', 'secret-pass').expect(200);
  });
});
