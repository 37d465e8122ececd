import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { renderServiceReport, type ServiceReportData } from './report.pdf';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function data(over: Partial<ServiceReportData> = {}): Promise<ServiceReportData> {
  const signature = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
    .composite([
      {
        input: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><path d="M10 80 C 60 10, 120 90, 290 20" stroke="black" stroke-width="4" fill="none"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
  return {
    tenantName: '示例物业',
    number: 'BX-20261202-0001',
    status: '已修复',
    createdAt: '2026-12-02 09:10',
    resolvedAt: '2026-12-02 11:40',
    asset: {
      name: '三楼打印机',
      code: 'ABCDEF123456',
      model: 'HP M404',
      serial: 'SN-1',
      site: '总部',
      address: '世纪大道 100 号',
      location: '三楼',
    },
    coverage: '收费（已过保）',
    description: '卡纸，无法打印',
    engineer: '李工',
    timeline: [
      { at: '2026-12-02 09:10', what: '报修', note: null },
      { at: '2026-12-02 11:40', what: '已修复', note: '更换搓纸轮' },
    ],
    resolutionNotes: '更换搓纸轮，测试打印 20 页正常',
    photos: [],
    currency: 'CNY',
    parts: [{ sku: 'RL-404', name: '搓纸轮组件', quantity: 2, unitPrice: 4500, amount: 9000 }],
    labour: { minutes: 90, amount: 15000 },
    calloutFee: 5000,
    total: 29000,
    signature: { png: signature, at: '2026-12-02 11:45' },
    ...over,
  };
}

(hasPoppler ? describe : describe.skip)('the service report PDF', () => {
  const write = (pdf: Buffer) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bx-report-')), 'report.pdf');
    fs.writeFileSync(file, pdf);
    return file;
  };

  it('holds the parts, the charges, the total and 签名 in its text layer, and the signature as an image', async () => {
    const file = write(await renderServiceReport(await data()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of [
      '服务报告',
      'BX-20261202-0001',
      '搓纸轮组件',
      'RL-404',
      'CNY 45.00',
      'CNY 90.00',
      'CNY 150.00',
      'CNY 50.00',
      'CNY 290.00',
      '签名',
      '收费（已过保）',
    ]) {
      expect(text).toContain(s);
    }
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(1);
  });

  it('says the report is not signed when there is no signature, and embeds no image then', async () => {
    const file = write(await renderServiceReport(await data({ signature: null })));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('未签名');
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2)).toHaveLength(0);
  });
});
