import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import type { CreatedTenantView, InvoiceView, PreviewView, Quote } from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from '../helpers/system';
import { auth } from '../helpers/factories';
import { ManualClock } from '../../src/lib/clock';
import { meter } from '../../src/modules/billing/metering';
import { finalizeDue } from '../../src/modules/billing/invoices.service';
import { addDays } from '../../src/modules/billing/periods';

const PLANS = ['basic-month', 'standard-month', 'standard-quarter', 'pro-month', 'pro-year', 'free'];

describe.each(DRIVERS)('preview, quote and invoice agree on %s', (driver) => {
  let sys: TestSystem;
  const clock = new ManualClock('2026-01-10T02:00:00Z');
  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock, env: { RATE_LIMIT_SIGNUPS_PER_IP: '0', RATE_LIMIT_QUOTES_PER_IP: '0' } });
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('previews exactly the quote for the same plan version, quantities and days, and the final invoice equals the last preview', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PLANS),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 420 }), fc.integer({ min: 1, max: 2000 })), { maxLength: 12 }),
        fc.integer({ min: 15, max: 400 }),
        async (plan, seats, usage, offset) => {
          clock.set('2026-01-10T02:00:00Z');
          const slug = `pp-${randomBytes(4).toString('hex')}`;
          const created = (
            await sys.http
              .post('/api/public/signup')
              .send({ slug, name: slug, admin: { username: 'boss', password: 'long-enough', name: 'B' }, plan, seats })
              .expect(201)
          ).body as CreatedTenantView;
          const token = (
            (await sys.http.post('/api/auth/login').send({ tenant: slug, username: 'boss', password: 'long-enough' }).expect(200)).body as {
              token: string;
            }
          ).token;
          await sys.deps.db.transaction((em) =>
            meter(
              em,
              usage.map(([d, n]) => ({
                tenantId: created.tenant.id,
                metric: 'tickets' as const,
                day: addDays('2026-01-10', d),
                quantity: n,
              })),
            ),
          );
          const at = addDays('2026-01-10', offset);
          const preview = (await sys.http.get(`/api/billing/preview?at=${at}`).set(auth(token)).expect(200)).body as PreviewView;
          // The oracle: the tickets metered on the days of the previewed period.
          const inPeriod = usage.filter(([d]) => {
            const day = addDays('2026-01-10', d);
            return day >= preview.quote.period.start && day <= preview.quote.period.end;
          });
          expect(preview.quantities.tickets).toBe(inPeriod.reduce((s, [, n]) => s + n, 0));
          const quote = (
            await sys.http
              .post('/api/billing/quote')
              .send({ plan, quantities: preview.quantities, subscriptionStart: '2026-01-10', periodStart: preview.quote.period.start })
              .expect(200)
          ).body as { quote: Quote };
          expect(quote.quote).toEqual(preview.quote);
          if (preview.quote.period.phase === 'trial') return;
          // After the period: the worker's invoice has the preview's lines and totals.
          clock.set(`${addDays(preview.quote.period.end, 1)}T02:00:00Z`);
          await finalizeDue(sys.deps);
          const invoices = ((await sys.http.get('/api/billing/invoices').set(auth(token)).expect(200)).body as { items: InvoiceView[] })
            .items;
          const inv = invoices.find((i) => i.periodStart === preview.quote.period.start);
          expect(inv).toMatchObject({
            lines: preview.quote.lines,
            subtotal: preview.quote.subtotal,
            discount: preview.quote.discount,
            tax: preview.quote.tax,
            total: preview.quote.total,
          });
        },
      ),
      { numRuns: 12 },
    );
  });
});
