import { pdfDocument } from '../../lib/lazy-libs';
import { cjkFonts } from '../labels/labels.pdf';
import { formatMoney } from '../billing/invoice.pdf';

/** Everything the service report (服务报告) prints, gathered by service-report.ts; money in minor units. */
export interface ServiceReportData {
  tenantName: string;
  number: string;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  asset: {
    name: string;
    code: string;
    model: string | null;
    serial: string | null;
    site: string;
    address: string | null;
    location: string | null;
  };
  /** 在保 / 维保合同 / 收费, or null before coverage is decided. */
  coverage: string | null;
  description: string;
  engineer: string | null;
  timeline: Array<{ at: string; what: string; note: string | null }>;
  resolutionNotes: string | null;
  /** Photo bytes (JPEG or PNG), reporter's and engineer's, at most a few. */
  photos: Buffer[];
  currency: string;
  parts: Array<{ sku: string; name: string; quantity: number; unitPrice: number; amount: number }>;
  labour: { minutes: number; amount: number } | null;
  calloutFee: number;
  /** What the customer pays (covered work prints 0 with the coverage named). */
  total: number;
  signature: { png: Buffer; at: string } | null;
}

const MARGIN = 50;
const WIDTH = 495;

/**
 * The service report as an A4 PDF in the labels' CJK font: asset and coverage, the fault and the fix, the timeline,
 * photos, parts with their snapshot prices, labour, the total, and the customer's signature (签名) as an image.
 */
export function renderServiceReport(r: ServiceReportData): Promise<Buffer> {
  const doc = new (pdfDocument())({ size: 'A4', margin: MARGIN, info: { Title: `服务报告 ${r.number}` } });
  const fonts = cjkFonts();
  doc.registerFont('cjk', fonts.cjk);
  doc.registerFont('cjk-bold', fonts['cjk-bold']);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (minor: number) => formatMoney(minor, r.currency);
  const room = (h: number) => {
    if (doc.y + h > 790) doc.addPage();
  };
  /** A section title, moved to a new page with its first `need` points of content (never orphaned at a page end). */
  const heading = (text: string, need = 40) => {
    room(need);
    doc.moveDown(0.8).font('cjk-bold').fontSize(12).text(text, MARGIN, doc.y, { width: WIDTH });
    doc
      .moveTo(MARGIN, doc.y + 2)
      .lineTo(MARGIN + WIDTH, doc.y + 2)
      .strokeColor('#cccccc')
      .stroke()
      .strokeColor('#000000');
    doc.moveDown(0.4).font('cjk').fontSize(10);
  };
  const field = (label: string, value: string | null) => {
    if (!value) return;
    room(16);
    doc.font('cjk').fontSize(10).text(`${label}：${value}`, MARGIN, doc.y, { width: WIDTH });
  };

  doc.font('cjk-bold').fontSize(20).text('服务报告 Service report', MARGIN, MARGIN);
  doc.font('cjk').fontSize(10).fillColor('#555555').text(`${r.tenantName} · ${r.number}`).fillColor('#000000');

  heading('设备 Asset');
  field('名称', `${r.asset.name}（${r.asset.code}）`);
  field('型号', r.asset.model);
  field('序列号', r.asset.serial);
  field('站点', [r.asset.site, r.asset.address].filter(Boolean).join(' · '));
  field('位置', r.asset.location);
  field('保修 / 合同', r.coverage);

  heading('报修与处理 Repair');
  field('报修时间', r.createdAt);
  field('故障描述', r.description);
  field('工程师', r.engineer);
  field('修复时间', r.resolvedAt);
  field('处理说明', r.resolutionNotes);
  field('状态', r.status);

  if (r.timeline.length > 0) {
    heading('过程 Timeline');
    for (const e of r.timeline) {
      room(16);
      doc.text(`${e.at}  ${e.what}${e.note ? ` — ${e.note}` : ''}`, MARGIN, doc.y, { width: WIDTH });
    }
  }

  heading('备件与费用 Parts and charges');
  const cols = [MARGIN, MARGIN + 90, MARGIN + 300, MARGIN + 350, MARGIN + 425];
  const widths = [85, 205, 45, 70, 70];
  const row = (cells: string[], bold = false) => {
    room(18);
    const y = doc.y + 2;
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] })));
    cells.forEach((c, i) => doc.text(c, cols[i], y, { width: widths[i], align: i >= 2 ? 'right' : 'left' }));
    doc.y = y + h;
    doc.x = MARGIN;
  };
  row(['编号 SKU', '备件 Part', '数量', '单价', '金额'], true);
  for (const p of r.parts) row([p.sku, p.name, String(p.quantity), money(p.unitPrice), money(p.amount)]);
  if (r.parts.length === 0) row(['—', '未使用备件 No parts', '', '', '']);
  if (r.labour) row(['', `人工 Labour（${r.labour.minutes} 分钟）`, '', '', money(r.labour.amount)]);
  if (r.calloutFee) row(['', '上门费 Call-out fee', '', '', money(r.calloutFee)]);
  doc.moveDown(0.3);
  row(['', '', '', '合计 Total', money(r.total)], true);

  if (r.photos.length > 0) {
    heading('照片 Photos', 160);
    let x = MARGIN;
    let top = doc.y;
    for (const photo of r.photos.slice(0, 6)) {
      if (x + 155 > MARGIN + WIDTH) {
        x = MARGIN;
        top += 125;
      }
      if (top + 120 > 790) {
        doc.addPage();
        top = MARGIN;
        x = MARGIN;
      }
      try {
        doc.image(photo, x, top, { fit: [150, 115] });
      } catch {
        doc
          .font('cjk')
          .fontSize(8)
          .text('（图片无法显示）', x, top + 50, { width: 150, align: 'center' });
      }
      x += 165;
    }
    doc.y = top + 125;
    doc.x = MARGIN;
  }

  heading('客户签名 Customer signature', 150);
  if (r.signature) {
    const y = doc.y;
    doc
      .font('cjk')
      .fontSize(10)
      .text('签名：', MARGIN, y + 40);
    doc.image(r.signature.png, MARGIN + 50, y, { fit: [220, 90] });
    doc
      .fontSize(9)
      .fillColor('#555555')
      .text(`签署时间 ${r.signature.at}`, MARGIN + 290, y + 40)
      .fillColor('#000000');
    doc.y = y + 95;
  } else {
    doc.text('签名：（未签名 Not signed）');
  }
  doc.end();
  return done;
}
