import { pdfDocument } from '../../lib/lazy-libs';
import type { InvoiceView } from '@baoxiu/shared';
import { cjkFonts } from '../labels/labels.pdf';

/** An invoice as an A4 PDF in zh-CN or English, in the CJK font the labels use: every line, tax and totals. */

export type InvoiceLang = 'zh-CN' | 'en';

const T = {
  'zh-CN': {
    invoice: '账单',
    credit_note: '红字账单（退款/抵扣）',
    number: '编号',
    status: '状态',
    period: '账期',
    issued: '开具日期',
    customer: '客户',
    description: '项目',
    quantity: '数量',
    unit: '单价',
    amount: '金额',
    subtotal: '小计',
    discount: '优惠',
    tax: '税额',
    total: '合计',
    open: '待支付',
    paid: '已支付',
    void: '已作废',
  },
  en: {
    invoice: 'Invoice',
    credit_note: 'Credit note',
    number: 'Number',
    status: 'Status',
    period: 'Period',
    issued: 'Issued',
    customer: 'Customer',
    description: 'Description',
    quantity: 'Qty',
    unit: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    discount: 'Discount',
    tax: 'Tax',
    total: 'Total',
    open: 'Open',
    paid: 'Paid',
    void: 'Void',
  },
} as const;

/** Minor units as major units with two decimals and the currency code: 52894 CNY → "CNY 528.94". */
export function formatMoney(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${currency} ${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const rate = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toFixed(6))));

export function renderInvoicePdf(inv: InvoiceView, customer: string, lang: InvoiceLang): Promise<Buffer> {
  const t = T[lang];
  const doc = new (pdfDocument())({ size: 'A4', margin: 50, info: { Title: `${inv.number}` } });
  const fonts = cjkFonts();
  doc.registerFont('cjk', fonts.cjk);
  doc.registerFont('cjk-bold', fonts['cjk-bold']);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc
    .font('cjk-bold')
    .fontSize(20)
    .text(inv.kind === 'credit_note' ? t.credit_note : t.invoice);
  doc.moveDown(0.5).font('cjk').fontSize(10);
  for (const [k, v] of [
    [t.number, inv.number],
    [t.customer, customer],
    [t.period, `${inv.periodStart} – ${inv.periodEnd}`],
    [t.issued, inv.issuedOn],
    [t.status, t[inv.status]],
  ]) {
    doc.text(`${k}: ${v}`);
  }
  const cols = [50, 300, 370, 460];
  const widths = [245, 65, 85, 85];
  const row = (cells: string[], bold = false) => {
    const y = doc.y + 4;
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(9);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i] }));
    cells.forEach((c, i) => doc.text(c, cols[i], y, { width: widths[i], align: i === 0 ? 'left' : 'right' }));
    doc.y = y + Math.max(...heights);
    doc.x = 50;
    if (doc.y > 760) doc.addPage();
  };
  doc.moveDown(1);
  row([t.description, t.quantity, t.unit, t.amount], true);
  doc
    .moveTo(50, doc.y + 2)
    .lineTo(545, doc.y + 2)
    .stroke();
  for (const l of inv.lines) {
    const unit =
      l.kind === 'percentage'
        ? `${rate(l.unitAmount * 100)}%`
        : Number.isInteger(l.unitAmount)
          ? formatMoney(l.unitAmount, inv.currency)
          : `${inv.currency} ${rate(l.unitAmount / 100)}`;
    row([
      l.description + (l.flatAmount ? ` (+${formatMoney(l.flatAmount, inv.currency)})` : ''),
      rate(l.quantity),
      unit,
      formatMoney(l.amount, inv.currency),
    ]);
  }
  doc
    .moveTo(50, doc.y + 4)
    .lineTo(545, doc.y + 4)
    .stroke();
  doc.moveDown(0.5);
  row(['', '', t.subtotal, formatMoney(inv.subtotal, inv.currency)]);
  row(['', '', t.discount, formatMoney(-inv.discount, inv.currency)]);
  row(['', '', t.tax, formatMoney(inv.tax, inv.currency)]);
  row(['', '', t.total, formatMoney(inv.total, inv.currency)], true);
  doc.end();
  return done;
}
