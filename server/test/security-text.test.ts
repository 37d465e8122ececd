import fc from 'fast-check';
import {
  AssetInputSchema,
  CreateTicketSchema,
  EngineerInputSchema,
  isCleanText,
  LoginSchema,
  ReopenSchema,
  ResolveSchema,
  SiteInputSchema,
} from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { makeAsset, makeTenant } from './helpers/factories';
import { Ticket } from '../src/modules/tickets/ticket.entity';

/** Security review, finding 11: NUL, bidi overrides / isolates and lone surrogates are refused in every text field. */
const BAD = {
  nul: 'a\u0000b',
  rlo: 'invoice\u202Efdp.exe',
  lre: '\u202Aembedded',
  pdf: 'x\u202C',
  lri: '\u2066isolate\u2069',
  fsi: '\u2068first strong',
  loneHigh: 'broken \uD83D',
  loneLow: '\uDE00 broken',
  reversedPair: '\uDE00\uD83D',
};

describe('clean text (finding 11)', () => {
  it.each(Object.entries(BAD))('refuses %s', (_name, value) => {
    expect(isCleanText(value)).toBe(false);
  });

  it('accepts Chinese, emoji (a proper surrogate pair), tabs, line breaks and Arabic letters', () => {
    for (const ok of ['空调不制冷，请尽快处理', '坏了 😀👍', 'line 1\nline 2\tend', 'مرحبا', '']) expect(isCleanText(ok)).toBe(true);
  });

  it('agrees with an oracle over arbitrary UTF-16 strings', () => {
    const oracle = (s: string) => {
      // eslint-disable-next-line no-control-regex -- the oracle looks for NUL itself
      if (/[\u0000\u202A-\u202E\u2066-\u2069]/.test(s)) return false;
      // A well-formed string survives a round trip through UTF-8 unchanged.
      return Buffer.from(s, 'utf8').toString('utf8') === s;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => isCleanText(s) === oracle(s)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', '\u0000', '\u202E', '\u2067', '\uD83D', '\uDE00', '中')).map((a) => a.join('')),
        (s) => isCleanText(s) === oracle(s),
      ),
      { numRuns: 2000 },
    );
  });

  it('is used by the shared schemas of every free-text field', () => {
    const cases: Array<[string, { safeParse(v: unknown): { success: boolean } }, (t: string) => unknown]> = [
      ['ticket description', CreateTicketSchema, (t) => ({ assetCode: 'ABCDEF12', description: t, contactPhone: '13800000000' })],
      [
        'ticket contact name',
        CreateTicketSchema,
        (t) => ({ assetCode: 'ABCDEF12', description: 'x', contactPhone: '13800000000', contactName: t }),
      ],
      [
        'ticket category',
        CreateTicketSchema,
        (t) => ({ assetCode: 'ABCDEF12', description: 'x', contactPhone: '13800000000', category: t }),
      ],
      ['reopen reason', ReopenSchema, (t) => ({ reason: t })],
      ['resolution notes', ResolveSchema, (t) => ({ notes: t })],
      ['site name', SiteInputSchema, (t) => ({ name: t })],
      ['asset name', AssetInputSchema, (t) => ({ siteId: 1, name: t })],
      ['asset location', AssetInputSchema, (t) => ({ siteId: 1, name: 'x', location: t })],
      ['asset custom field', AssetInputSchema, (t) => ({ siteId: 1, name: 'x', customFields: { k: t } })],
      ['engineer name', EngineerInputSchema, (t) => ({ username: 'eng1', name: t, password: 'secret1' })],
      ['login tenant', LoginSchema, (t) => ({ tenant: t, username: 'u', password: 'p' })],
    ];
    for (const [field, schema, body] of cases) {
      expect([field, schema.safeParse(body('正常 text')).success]).toEqual([field, true]);
      for (const [name, bad] of Object.entries(BAD))
        expect([field, name, schema.safeParse(body(`x${bad}`)).success]).toEqual([field, name, false]);
    }
  });
});

describe.each(DRIVERS)('clean text over HTTP on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('refuses a repair whose description hides a right-to-left override or a NUL with 400 VALIDATION_FAILED, storing nothing', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    for (const [i, description] of [BAD.rlo, BAD.nul, BAD.loneHigh].entries()) {
      const res = await sys.http
        .post('/api/public/tickets')
        .set('Idempotency-Key', `text-${driver}-${i}-${Date.now()}`)
        .send({ assetCode: asset.code, description, contactPhone: '13800000000' })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await sys.deps.db.ds.getRepository(Ticket).countBy({ tenantId: tenant.id })).toBe(0);
  });
});
