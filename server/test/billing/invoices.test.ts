import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ChangePlanView, CreatedTenantView, InvoiceView, SubscriptionView } from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from '../helpers/system';
import { auth } from '../helpers/factories';
import { expectError } from '../helpers/contract';
import { ManualClock } from '../../src/lib/clock';
import { finalizeDue } from '../../src/modules/billing/invoices.service';
import { BillingInvoice } from '../../src/modules/billing/invoice.entity';

const pdfText = (pdf: Buffer): string => {
  const file = path.join(os.tmpdir(), `inv-${randomBytes(4).toString('hex')}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
};

describe.each(DRIVERS)('invoices on %s', (driver) => {
  let sys: TestSystem;
  const clock = new ManualClock('2026-03-01T02:00:00Z');
  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock, env: { RATE_LIMIT_SIGNUPS_PER_IP: '0' } });
  });
  afterAll(async () => {
    await sys.stop();
  });
  const op = () => auth(sys.deps.operatorToken);

  const signup = async (plan: string, seats: number) => {
    const slug = `inv-${randomBytes(4).toString('hex')}`;
    const created = (
      await sys.http
        .post('/api/public/signup')
        .send({ slug, name: `发票公司 ${slug}`, admin: { username: 'boss', password: 'long-enough', name: '老板' }, plan, seats })
        .expect(201)
    ).body as CreatedTenantView;
    const token = (
      (await sys.http.post('/api/auth/login').send({ tenant: slug, username: 'boss', password: 'long-enough' }).expect(200)).body as {
        token: string;
      }
    ).token;
    return { ...created, token };
  };

  it('finalizes each ended period exactly once, even by several workers at once, numbered without gaps', async () => {
    clock.set('2026-03-01T02:00:00Z');
    const tenants = [await signup('basic-month', 5), await signup('basic-month', 6), await signup('standard-month', 5)];
    // Trial 1–14 March (not invoiced), then 15 March – 14 April; on 16 April that period is over.
    clock.set('2026-04-16T02:00:00Z');
    const runs = await Promise.all([finalizeDue(sys.deps), finalizeDue(sys.deps), finalizeDue(sys.deps)]);
    expect(runs.reduce((s, r) => s + r.created, 0)).toBe(3);
    expect((await finalizeDue(sys.deps)).created).toBe(0);
    const all = await sys.deps.db.ds.getRepository(BillingInvoice).find({ order: { number: 'ASC' } });
    expect(all.filter((i) => i.number.startsWith('INV-202604-')).map((i) => i.number)).toEqual([
      'INV-202604-0001',
      'INV-202604-0002',
      'INV-202604-0003',
    ]);
    for (const t of tenants) {
      const mine = ((await sys.http.get('/api/billing/invoices').set(auth(t.token)).expect(200)).body as { items: InvoiceView[] }).items;
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ kind: 'period', status: 'open', periodStart: '2026-03-15', periodEnd: '2026-04-14' });
    }
    const first = ((await sys.http.get('/api/billing/invoices').set(auth(tenants[0].token))).body as { items: InvoiceView[] }).items[0];
    expect(first).toMatchObject({ subtotal: 9900 + 5 * 5000, tax: 2094, total: 36994 });
  });

  it('renders an invoice PDF in both languages with every line, the tax and the totals', async () => {
    clock.set('2026-03-01T02:00:00Z');
    const t = await signup('basic-month', 7);
    clock.set('2026-04-20T02:00:00Z');
    await finalizeDue(sys.deps);
    const [inv] = ((await sys.http.get('/api/billing/invoices').set(auth(t.token))).body as { items: InvoiceView[] }).items;
    const en = pdfText(
      (
        await sys.http
          .get(`/api/billing/invoices/${inv.id}/pdf?lang=en`)
          .set(auth(t.token))
          .buffer(true)
          .parse((res, cb) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => cb(null, Buffer.concat(chunks)));
          })
          .expect(200)
      ).body as Buffer,
    );
    expect(en).toContain(inv.number);
    expect(en).toContain('基础订阅');
    expect(en).toContain('员工席位');
    expect(en).toMatch(/Tax\s+CNY 26\.94/);
    expect(en).toMatch(/Total\s+CNY 475\.94/);
    const zhRes = await sys.http
      .get(`/api/billing/invoices/${inv.id}/pdf`)
      .set(auth(t.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', 'application/pdf');
    const zh = pdfText(zhRes.body as Buffer);
    expect(zh).toMatch(/税额\s+CNY 26\.94/);
    expect(zh).toMatch(/合计\s+CNY 475\.94/);
    expect(zh).toContain('发票公司');
  });

  it("records payment once, refunds with a credit note, and keeps another tenant's invoice out of reach", async () => {
    clock.set('2026-03-01T02:00:00Z');
    const t = await signup('basic-month', 5);
    const other = await signup('basic-month', 5);
    clock.set('2026-04-18T02:00:00Z');
    await finalizeDue(sys.deps);
    const [inv] = ((await sys.http.get('/api/billing/invoices').set(auth(t.token))).body as { items: InvoiceView[] }).items;
    expectError(await sys.http.get(`/api/billing/invoices/${inv.id}/pdf`).set(auth(other.token)), 404, 'INVOICE_NOT_FOUND');
    await sys.http.post(`/api/operator/invoices/${inv.id}/pay`).set(op()).expect(200);
    expectError(await sys.http.post(`/api/operator/invoices/${inv.id}/pay`).set(op()), 409, 'INVOICE_NOT_OPEN');
    const note = (
      (await sys.http.post(`/api/operator/invoices/${inv.id}/refund`).set(op()).send({ amount: 1000 }).expect(201)).body as {
        invoice: InvoiceView;
      }
    ).invoice;
    expect(note).toMatchObject({ kind: 'credit_note', total: -1000 });
    expect(note.number).toMatch(/^CN-202604-\d{4}$/);
  });

  it('upgrades at once with proration lines (preview first), keeps the trial end, and downgrades at the period end', async () => {
    clock.set('2026-03-01T02:00:00Z');
    const t = await signup('basic-month', 5);
    // Period 15 April – 14 May has 30 days; 24 April is its 10th day, so 21 days remain.
    clock.set('2026-04-24T02:00:00Z');
    const preview = (
      await sys.http.post('/api/billing/change-plan?preview=true').set(auth(t.token)).send({ plan: 'pro-month' }).expect(200)
    ).body as ChangePlanView;
    expect(preview).toMatchObject({ effective: 'now', preview: true, invoice: null });
    const basicNet = 9900 + 5 * 5000;
    const proNet = Math.round((49900 + 5 * 5000) * 0.6); // pro's first year is 40 % off
    expect(preview.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['proration_credit', -Math.round((basicNet * 21) / 30)],
      ['proration_charge', Math.round((proNet * 21) / 30)],
    ]);
    let sub = ((await sys.http.get('/api/billing/subscription').set(auth(t.token))).body as { subscription: SubscriptionView })
      .subscription;
    expect(sub.plan.code).toBe('basic-month'); // a preview changes nothing

    const done = (await sys.http.post('/api/billing/change-plan').set(auth(t.token)).send({ plan: 'pro-month' }).expect(200))
      .body as ChangePlanView;
    expect(done.invoice).toMatchObject({ kind: 'proration', total: preview.total, lines: preview.lines });
    sub = ((await sys.http.get('/api/billing/subscription').set(auth(t.token))).body as { subscription: SubscriptionView }).subscription;
    expect(sub).toMatchObject({ plan: { code: 'pro-month' }, trialEndsOn: '2026-03-15', phase: 'discount' });

    const seats = (await sys.http.post('/api/billing/change-plan').set(auth(t.token)).send({ seats: 7 }).expect(200))
      .body as ChangePlanView;
    expect(seats.subtotal).toBe(Math.round((2 * 5000 * 0.6 * 21) / 30));

    const down = (await sys.http.post('/api/billing/change-plan').set(auth(t.token)).send({ plan: 'basic-month' }).expect(200))
      .body as ChangePlanView;
    expect(down).toMatchObject({ effective: 'period_end', effectiveOn: '2026-05-15', lines: [] });
    sub = ((await sys.http.get('/api/billing/subscription').set(auth(t.token))).body as { subscription: SubscriptionView }).subscription;
    expect(sub).toMatchObject({ plan: { code: 'pro-month' }, pendingPlanCode: 'basic-month' });
    clock.set('2026-05-16T02:00:00Z');
    await finalizeDue(sys.deps);
    sub = ((await sys.http.get('/api/billing/subscription').set(auth(t.token))).body as { subscription: SubscriptionView }).subscription;
    expect(sub).toMatchObject({ plan: { code: 'basic-month' }, pendingPlanCode: null });
  });
});
