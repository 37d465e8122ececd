import { randomInt } from 'node:crypto';
import { ManualClock } from '../src/lib/clock';
import { loadConfig } from '../src/config';
import { hashPassword } from '../src/modules/auth/password';
import { User } from '../src/modules/auth/user.entity';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeTenant, makeUser, PASSWORD, type TestTenant } from './helpers/factories';
import { startStandin, type TestStandin } from './helpers/wechat';

/** Security review, findings 1 (sign-in limits), 4 (token versions, logout) and 12 (scrypt cost, rehash). */
describe.each(DRIVERS)('sign-in security on %s', (driver) => {
  let sys: TestSystem;
  let standin: TestStandin;
  let clock: ManualClock;
  let tenant: TestTenant;
  beforeAll(async () => {
    standin = await startStandin();
    clock = new ManualClock(new Date());
    // Explicit costs: users come from the factories at 2^14, new hashes here are made at 2^15.
    sys = await startTestSystem(driver, {
      clock,
      env: { ...standin.env, TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_IP: '10', PASSWORD_SCRYPT_LOG2N: '15' },
    });
    tenant = await makeTenant(sys.deps);
  });
  afterAll(async () => {
    await sys.stop();
    await standin.close();
  });

  const net = `10.${randomInt(256)}.${randomInt(256)}`;
  let host = 0;
  const freshIp = () => `${net}.${(host += 1) % 250}`;
  const login = (username: string, password: string, ip = freshIp()) =>
    sys.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ tenant: tenant.slug, username, password });

  describe('finding 1: sign-in limits', () => {
    it('locks an account after 5 wrong passwords: 429 LOGIN_LOCKED with Retry-After, even for the right password, until the lock ends', async () => {
      const user = await makeUser(sys.deps, tenant.id, 'dispatcher');
      for (let i = 0; i < 5; i += 1) await login(user.username, 'wrong-guess').expect(401);
      const locked = await login(user.username, PASSWORD).expect(429);
      expect(locked.body.error.code).toBe('LOGIN_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(59);
      clock.advance(61_000);
      await login(user.username, PASSWORD).expect(200);
    });

    it('backs off: each failure after the lock doubles it', async () => {
      const user = await makeUser(sys.deps, tenant.id, 'dispatcher');
      for (let i = 0; i < 5; i += 1) await login(user.username, 'wrong-guess').expect(401);
      clock.advance(61_000);
      await login(user.username, 'wrong-again').expect(401);
      const locked = await login(user.username, PASSWORD).expect(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(110);
    });

    it('locks an address after 10 wrong sign-ins across accounts, while other addresses still sign in', async () => {
      const ip = freshIp();
      for (let i = 0; i < 10; i += 1) await login(`nobody-${i}`, 'x', ip).expect(401);
      const user = await makeUser(sys.deps, tenant.id, 'admin');
      expect((await login(user.username, PASSWORD, ip).expect(429)).body.error.code).toBe('LOGIN_LOCKED');
      await login(user.username, PASSWORD).expect(200);
    });

    it('checks only a few of 60 parallel wrong sign-ins from one address and refuses the rest at once, while a real sign-in succeeds', async () => {
      const victim = await makeUser(sys.deps, tenant.id, 'engineer');
      const real = await makeUser(sys.deps, tenant.id, 'engineer');
      const ip = freshIp();
      const flood = Array.from({ length: 60 }, () => login(victim.username, 'wrong-guess', ip).then((r) => r.status));
      const genuine = login(real.username, PASSWORD);
      const [statuses, ok] = await Promise.all([Promise.all(flood), genuine]);
      expect(ok.status).toBe(200);
      // Each 401 is a password actually hashed; the cap and the lock keep that to a handful.
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(8);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(52);
    });

    it('locks an address out of WeChat sign-in and binding after repeated invalid codes', async () => {
      const ip = freshIp();
      for (let i = 0; i < 10; i += 1) {
        await sys.http
          .post('/api/auth/wechat')
          .set('X-Forwarded-For', ip)
          .send({ code: `bogus-code-${i}`, as: 'reporter' })
          .expect(401);
      }
      const { code } = await standin.loginCode('wx-locked-reporter');
      const refused = await sys.http.post('/api/auth/wechat').set('X-Forwarded-For', ip).send({ code, as: 'reporter' }).expect(429);
      expect(refused.body.error.code).toBe('LOGIN_LOCKED');
      const bind = await sys.http
        .post('/api/auth/wechat/bind')
        .set('X-Forwarded-For', ip)
        .send({ code, invite: 'x'.repeat(32) })
        .expect(429);
      expect(bind.body.error.code).toBe('LOGIN_LOCKED');
    });
  });

  describe('finding 4: tokens end with the session', () => {
    const jobs = (token: string) => sys.http.get('/api/engineer/jobs').set(auth(token));

    it("ends an engineer's existing tokens when the admin changes their password", async () => {
      const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
      await jobs(engineer.token).expect(200);
      await sys.http.patch(`/api/engineers/${engineer.id}`).set(auth(tenant.admin.token)).send({ password: 'a-new-password' }).expect(200);
      expect((await jobs(engineer.token).expect(401)).body.error.code).toBe('TOKEN_INVALID');
      const fresh = await login(engineer.username, 'a-new-password').expect(200);
      await jobs(fresh.body.token).expect(200);
    });

    it("ends a staff member's tokens when their WeChat is unlinked", async () => {
      const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
      await jobs(engineer.token).expect(200);
      await sys.http.delete(`/api/staff/${engineer.id}/wechat`).set(auth(tenant.admin.token)).expect(200);
      expect((await jobs(engineer.token).expect(401)).body.error.code).toBe('TOKEN_INVALID');
    });

    it("ends a removed engineer's tokens", async () => {
      const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
      await sys.http.delete(`/api/engineers/${engineer.id}`).set(auth(tenant.admin.token)).expect(204);
      expect((await jobs(engineer.token).expect(401)).body.error.code).toBe('TOKEN_INVALID');
    });

    it("signs out with POST /api/auth/logout: the caller's tokens stop working, a new sign-in works", async () => {
      const dispatcher = await makeUser(sys.deps, tenant.id, 'dispatcher');
      const second = (await login(dispatcher.username, PASSWORD).expect(200)).body.token as string;
      await sys.http.post('/api/auth/logout').set(auth(dispatcher.token)).expect(204);
      for (const token of [dispatcher.token, second]) {
        expect((await sys.http.get('/api/tickets').set(auth(token)).expect(401)).body.error.code).toBe('TOKEN_INVALID');
      }
      const fresh = (await login(dispatcher.username, PASSWORD).expect(200)).body.token as string;
      await sys.http.get('/api/tickets').set(auth(fresh)).expect(200);
    });
  });

  describe('finding 12: scrypt cost', () => {
    it('rehashes a password stored at N=2^14 to the configured N=2^15 at the next sign-in, which keeps working', async () => {
      const user = await makeUser(sys.deps, tenant.id, 'admin');
      const stored = async () => (await sys.deps.db.ds.getRepository(User).findOneByOrFail({ id: user.id })).passwordHash;
      expect(await stored()).toMatch(/^scrypt\$16384\$8\$1\$/);
      await login(user.username, PASSWORD).expect(200);
      expect(await stored()).toMatch(/^scrypt\$32768\$8\$1\$/);
      await login(user.username, PASSWORD).expect(200);
      await login(user.username, 'wrong').expect(401);
    });

    it('never downgrades a stronger hash, and does not rehash after a wrong password', async () => {
      const user = await makeUser(sys.deps, tenant.id, 'admin');
      const strong = await hashPassword(PASSWORD, { N: 2 ** 16, r: 8, p: 1 });
      await sys.deps.db.ds.getRepository(User).update({ id: user.id }, { passwordHash: strong });
      await login(user.username, 'wrong').expect(401);
      await login(user.username, PASSWORD).expect(200);
      expect((await sys.deps.db.ds.getRepository(User).findOneByOrFail({ id: user.id })).passwordHash).toBe(strong);
    });
  });
});

describe('scrypt defaults (finding 12)', () => {
  it("makes new hashes at OWASP's N=2^17, r=8, p=1 by default and stores the parameters in the hash", async () => {
    expect(await hashPassword('correct horse')).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(loadConfig({}).passwordLog2N).toBe(17);
  });
});
