import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import type { ErrorCode, TrackedTicketResponse } from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, JPEG_BYTES, makeAsset, makeEngineers, makeTenant, PNG_BYTES, type TestTenant, type TestUser } from './helpers/factories';
import { expectError, fileTicket, issuePaths, storedCounts, waitForOffer, type ApiError } from './helpers/contract';

const UPLOAD_MAX_BYTES = 2048;
const NO_SUCH_ASSET = 'ZZZZZZZZZZZZ';
const NO_SUCH_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAAAA';
const uploadId = () => randomBytes(15).toString('base64url');

describe.each(DRIVERS)('bad input on %s', (driver) => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let engineer: TestUser;
  let assetCode: string;
  let seq = 0;
  const key = () => `bad-${driver}-${randomBytes(4).toString('hex')}-${(seq += 1)}`;
  const report = (over: Record<string, unknown> = {}) => ({ assetCode, description: '打印机卡纸', contactPhone: '13800138000', ...over });

  beforeAll(async () => {
    sys = await startTestSystem(driver, { env: { UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) } });
    tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    assetCode = (await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code;
    [engineer] = await makeEngineers(sys.deps, tenant.id, 1);
  });
  afterAll(async () => {
    await sys.stop();
  });

  /** Makes the call, checks the error it gets, and that the database and upload folder did not change. */
  async function refused(call: () => PromiseLike<Response>, status: number, code: ErrorCode): Promise<ApiError> {
    const before = await storedCounts(sys.deps);
    const error = expectError(await call(), status, code);
    expect(await storedCounts(sys.deps)).toEqual(before);
    return error;
  }
  const intake = (body: unknown, idemKey: string | null = key()) => {
    const req = sys.http.post('/api/public/tickets');
    return idemKey === null ? req.send(body as object) : req.set('Idempotency-Key', idemKey).send(body as object);
  };
  const rawJson = (path: string, text: string) =>
    sys.http.post(path).set('Idempotency-Key', key()).set('Content-Type', 'application/json').send(text);
  /** Files a valid repair and waits until dispatch is done with it, so no write is still under way. */
  async function filed(over: Record<string, unknown> = {}) {
    const ticket = await fileTicket(sys.http, key(), report(over));
    await waitForOffer(sys.http, engineer.token, ticket.number);
    return ticket;
  }

  it('answers malformed JSON, a body over the limit and a deeply nested body with a clear 4xx, storing nothing', async () => {
    await refused(() => rawJson('/api/public/tickets', '{"assetCode": "ABC'), 400, 'MALFORMED_JSON');
    await refused(() => rawJson('/api/sites', '{name:').set(auth(tenant.admin.token)), 400, 'MALFORMED_JSON');
    await refused(() => rawJson('/api/public/tickets', 'null'), 400, 'MALFORMED_JSON');
    await refused(() => intake(report({ description: 'x'.repeat(1_100_000) })), 413, 'BODY_TOO_LARGE');
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const base = JSON.stringify(report()).slice(0, -1);
    const error = await refused(() => rawJson('/api/public/tickets', `${base},"description":${deep}}`), 400, 'VALIDATION_FAILED');
    expect(issuePaths(error)).toEqual(['description']);
    // Deep nesting in a field the contract does not know is dropped; the report itself is valid.
    const res = await rawJson('/api/public/tickets', `${base},"extra":${deep}}`);
    expect(res.status).toBe(201);
    await waitForOffer(sys.http, engineer.token, (res.body as { ticket: { number: string } }).ticket.number);
  });

  it('lists every bad field of a repair request, not only the first', async () => {
    const wrong = {
      assetCode: 42,
      description: '   ',
      contactPhone: 'call me',
      contactName: 7,
      category: '',
      urgency: 'urgent',
      photoIds: 'p1',
    };
    const error = await refused(() => intake(wrong), 400, 'VALIDATION_FAILED');
    expect(issuePaths(error).sort()).toEqual(Object.keys(wrong).sort());
    const missing = await refused(() => intake({}), 400, 'VALIDATION_FAILED');
    expect(issuePaths(missing).sort()).toEqual(['assetCode', 'contactPhone', 'description']);
    await refused(() => intake([report()]), 400, 'VALIDATION_FAILED');
    await refused(() => intake(report({ urgency: null, description: 'x'.repeat(2001) })), 400, 'VALIDATION_FAILED');
  });

  it('requires an Idempotency-Key, and answers an unknown asset code with 404', async () => {
    await refused(() => intake(report(), null), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    await refused(() => intake(report(), 'a b'), 400, 'VALIDATION_FAILED');
    await refused(() => intake(report({ assetCode: NO_SUCH_ASSET })), 404, 'ASSET_NOT_FOUND');
    await refused(() => sys.http.get(`/api/public/assets/${NO_SUCH_ASSET}`), 404, 'ASSET_NOT_FOUND');
    await refused(() => sys.http.get('/api/public/assets/no!'), 400, 'VALIDATION_FAILED');
  });

  it('refuses 10 photos, and a photo that does not exist or is already used, without filing the ticket', async () => {
    const ten = Array.from({ length: 10 }, uploadId);
    expect(issuePaths(await refused(() => intake(report({ photoIds: ten })), 400, 'VALIDATION_FAILED'))).toEqual(['photoIds']);
    await refused(() => intake(report({ photoIds: [uploadId()] })), 400, 'PHOTO_NOT_FOUND');

    const upload = async () =>
      (await sys.http.post('/api/public/uploads').attach('file', PNG_BYTES, 'p.png').expect(201)).body as { upload: { id: string } };
    const used = (await upload()).upload.id;
    await filed({ photoIds: [used] });
    const fresh = (await upload()).upload.id;
    await refused(() => intake(report({ photoIds: [used] })), 400, 'PHOTO_NOT_FOUND');
    // All or nothing: the fresh photo of a refused report is not claimed and can still be used.
    await refused(() => intake(report({ photoIds: [fresh, used] })), 400, 'PHOTO_NOT_FOUND');
    const ok = await filed({ photoIds: [fresh] });
    const tracked = (await sys.http.get(`/api/public/tickets/${ok.trackingToken}`).expect(200)).body as TrackedTicketResponse;
    expect(tracked.ticket.photos).toEqual([`/api/public/uploads/${fresh}`]);
  });

  it('refuses an upload that is not an image, is too large, has two files or none, and stores nothing', async () => {
    const post = () => sys.http.post('/api/public/uploads');
    await refused(() => post().attach('file', Buffer.from('just some text, not a photo\n'), 'photo.jpg'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    await refused(() => post().attach('file', pdf, { filename: 'scan.jpg', contentType: 'image/jpeg' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const big = Buffer.concat([JPEG_BYTES, Buffer.alloc(UPLOAD_MAX_BYTES * 2, 7)]);
    await refused(() => post().attach('file', big, 'big.jpg'), 413, 'UPLOAD_TOO_LARGE');
    await refused(() => post().attach('file', PNG_BYTES, 'a.png').attach('file', JPEG_BYTES, 'b.jpg'), 400, 'TOO_MANY_FILES');
    await refused(() => post().field('note', 'no file here'), 400, 'UPLOAD_REQUIRED');
    await refused(() => post(), 400, 'UPLOAD_REQUIRED');
    await refused(() => post().attach('file', Buffer.alloc(0), 'empty.png'), 400, 'UPLOAD_REQUIRED');
    await refused(() => sys.http.get(`/api/public/uploads/${uploadId()}`), 404, 'UPLOAD_NOT_FOUND');
  });

  it('answers a tracking token that does not exist with 404 and a malformed one with 400', async () => {
    const t = '/api/public/tickets';
    await refused(() => sys.http.get(`${t}/${NO_SUCH_TOKEN}`), 404, 'TICKET_NOT_FOUND');
    await refused(() => sys.http.post(`${t}/${NO_SUCH_TOKEN}/confirm`), 404, 'TICKET_NOT_FOUND');
    await refused(() => sys.http.post(`${t}/${NO_SUCH_TOKEN}/rating`).send({ score: 5 }), 404, 'TICKET_NOT_FOUND');
    await refused(() => sys.http.post(`${t}/${NO_SUCH_TOKEN}/reopen`).send({ reason: '没修好' }), 404, 'TICKET_NOT_FOUND');
    await refused(() => sys.http.get(`${t}/short`), 400, 'VALIDATION_FAILED');
    await refused(() => sys.http.get(`${t}/${encodeURIComponent('bad token!*()~!!!!!!!!')}`), 400, 'VALIDATION_FAILED');
  });

  it('refuses a step from the wrong status with 409, a second rating with 409 and a score of 6 with 400', async () => {
    const { number, trackingToken } = await filed();
    const job = (step: string) => sys.http.post(`/api/engineer/jobs/${number}/${step}`).set(auth(engineer.token));
    const reporter = (step: string, body: object = {}) => sys.http.post(`/api/public/tickets/${trackingToken}/${step}`).send(body);
    await refused(() => job('travel'), 409, 'ILLEGAL_TRANSITION');
    await refused(() => job('resolve').send({ notes: '修好了' }), 409, 'ILLEGAL_TRANSITION');
    await refused(() => reporter('confirm'), 409, 'ILLEGAL_TRANSITION');
    await refused(() => reporter('rating', { score: 5 }), 409, 'ILLEGAL_TRANSITION');
    for (const step of ['accept', 'travel', 'arrive']) expect((await job(step)).status).toBe(200);
    expect((await job('resolve').send({ notes: '更换保险丝' })).status).toBe(200);
    await refused(() => job('resolve').send({ notes: '再修一次' }), 409, 'ILLEGAL_TRANSITION');
    for (const score of [6, 0, 4.5, '5']) {
      expect(issuePaths(await refused(() => reporter('rating', { score }), 400, 'VALIDATION_FAILED'))).toEqual(['score']);
    }
    expect((await reporter('rating', { score: 5, comment: '很快' })).status).toBe(200);
    await refused(() => reporter('rating', { score: 1 }), 409, 'ALREADY_RATED');
  });

  it('refuses staff calls with no token (401), a garbage token (401) and the wrong role (403)', async () => {
    await refused(() => sys.http.get('/api/tickets'), 401, 'UNAUTHENTICATED');
    await refused(() => sys.http.get('/api/tickets').set('Authorization', 'Basic YWRtaW46eA=='), 401, 'UNAUTHENTICATED');
    await refused(() => sys.http.get('/api/tickets').set(auth('garbage.token.here')), 401, 'TOKEN_INVALID');
    const forged = jwt.sign({ tid: tenant.id, role: 'admin' }, 'not-the-server-secret', { subject: String(tenant.admin.id) });
    await refused(() => sys.http.post('/api/sites').set(auth(forged)).send({ name: '伪造' }), 401, 'TOKEN_INVALID');
    await refused(() => sys.http.get('/api/assets').set(auth(engineer.token)), 403, 'FORBIDDEN');
    await refused(() => sys.http.get('/api/engineer/jobs').set(auth(tenant.dispatcher.token)), 403, 'FORBIDDEN');
    const newEngineer = { username: 'new-eng', name: '新人', password: 'secret-pass' };
    await refused(() => sys.http.post('/api/engineers').set(auth(tenant.dispatcher.token)).send(newEngineer), 403, 'FORBIDDEN');
    const login = { tenant: tenant.slug, username: 'nobody', password: 'wrong-pass' };
    await refused(() => sys.http.post('/api/auth/login').send(login), 401, 'INVALID_CREDENTIALS');
  });

  it('answers a method a route does not support with a JSON 405 naming the allowed ones', async () => {
    const error = await refused(() => sys.http.delete('/api/tickets').set(auth(tenant.admin.token)), 405, 'METHOD_NOT_ALLOWED');
    expect(String(error.details.allowed)).toContain('GET');
  });

  it('answers a photo sent under the wrong form field with a validation error naming the field', async () => {
    const error = await refused(() => sys.http.post('/api/public/uploads').attach('photo', PNG_BYTES, 'a.png'), 400, 'VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'photo', expected: 'file' });
  });

  it('answers an unknown /api path with a JSON 404', async () => {
    await refused(() => sys.http.get('/api/no-such-thing'), 404, 'NOT_FOUND');
    await refused(() => sys.http.post('/api/public/no-such-thing').send({}), 404, 'NOT_FOUND');
    await refused(() => sys.http.get('/api/tickets/BX-20240101-0001/no-such-thing').set(auth(tenant.admin.token)), 404, 'NOT_FOUND');
  });

  it('gives the English message to Accept-Language: en and the Chinese one by default', async () => {
    const lookup = (lang?: string) => {
      const req = sys.http.get(`/api/public/assets/${NO_SUCH_ASSET}`);
      return lang ? req.set('Accept-Language', lang) : req;
    };
    expect((await refused(() => lookup('en'), 404, 'ASSET_NOT_FOUND')).message).toBe('Asset not found');
    expect((await refused(() => lookup('en-US,en;q=0.9'), 404, 'ASSET_NOT_FOUND')).message).toBe('Asset not found');
    expect((await refused(() => lookup(), 404, 'ASSET_NOT_FOUND')).message).toBe('找不到该设备');
    expect((await refused(() => lookup('zh-CN,zh;q=0.9,en;q=0.8'), 404, 'ASSET_NOT_FOUND')).message).toBe('找不到该设备');
  });

  it('accepts a unicode and emoji description and gives it back exactly; a reused key with another report is 422', async () => {
    const description = '空调漏水 💧🔧 — “naïve” café 𠀀𩸽 العربية ✅';
    const idemKey = key();
    const body = report({ description, contactName: '王小明 😊' });
    const first = await fileTicket(sys.http, idemKey, body);
    await waitForOffer(sys.http, engineer.token, first.number);
    const tracked = (await sys.http.get(`/api/public/tickets/${first.trackingToken}`).expect(200)).body as TrackedTicketResponse;
    expect(tracked.ticket.description).toBe(description);
    const again = await fileTicket(sys.http, idemKey, body);
    expect({ ...again, status: first.status }).toEqual(first);
    await refused(() => intake(report({ description: '别的问题' }), idemKey), 422, 'IDEMPOTENCY_KEY_REUSED');
  });
});
