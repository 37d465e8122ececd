import type ExcelJS from 'exceljs';
import { exceljs } from '../../lib/lazy-libs';
import type { KpiFigures, KpiGroupBy, KpiQuery, KpiReport } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import type { StaffActor } from '../auth/auth.middleware';
import { getKpis } from './kpi.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Means in minutes (one decimal): what a manager reads; the API keeps seconds. */
const minutes = (d: { avgSeconds: number | null }) => (d.avgSeconds === null ? null : Math.round(d.avgSeconds / 6) / 10);

const FIGURE_COLUMNS: Array<{ head: string; value: (k: KpiFigures) => number | null; format?: string }> = [
  { head: '报修量 / Requests', value: (k) => k.volume },
  { head: '平均响应（分钟）/ Mean first response (min)', value: (k) => minutes(k.firstResponse) },
  { head: '平均到场（分钟）/ Mean time to arrive (min)', value: (k) => minutes(k.timeToArrive) },
  { head: '平均修复（分钟）/ MTTR (min)', value: (k) => minutes(k.mttr) },
  { head: '已修复 / Resolved', value: (k) => k.resolved },
  { head: '已完成 / Closed', value: (k) => k.closed },
  { head: '已取消 / Cancelled', value: (k) => k.cancelled },
  { head: '返修 / Reopened', value: (k) => k.reopened },
  { head: '返修率 / Reopen rate', value: (k) => k.reopenRate, format: '0.0%' },
  { head: '评价数 / Ratings', value: (k) => k.csat.rated },
  { head: '满意度 / CSAT', value: (k) => k.csat.average, format: '0.00' },
  ...[1, 2, 3, 4, 5].map((n) => ({ head: `${n} 星 / ${n} stars`, value: (k: KpiFigures) => k.csat.distribution[n - 1] })),
  { head: '拒单 / Declines', value: (k) => k.declines },
];

const SHEETS: Array<{ groupBy: Exclude<KpiGroupBy, 'none'>; name: string; key: string }> = [
  { groupBy: 'day', name: '按日 By day', key: '日期 / Day' },
  { groupBy: 'site', name: '按站点 By site', key: '站点 / Site' },
  { groupBy: 'category', name: '按类别 By category', key: '类别 / Category' },
  { groupBy: 'engineer', name: '工程师 Engineers', key: '工程师 / Engineer' },
];

function addFigureSheet(book: ExcelJS.Workbook, name: string, keyHead: string, rows: Array<{ label: string; kpis: KpiFigures }>): void {
  const sheet = book.addWorksheet(name);
  sheet.addRow([keyHead, ...FIGURE_COLUMNS.map((c) => c.head)]).font = { bold: true };
  for (const r of rows) sheet.addRow([r.label, ...FIGURE_COLUMNS.map((c) => c.value(r.kpis))]);
  FIGURE_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 2);
    column.width = 16;
    if (c.format) column.numFmt = c.format;
  });
  sheet.getColumn(1).width = 24;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
}

function summaryRows(report: KpiReport): Array<[string, string | number | null]> {
  const p = report.period;
  return [
    ['周期 / Period', `${p.from} – ${p.to}`],
    ['时区 / Time zone', p.timezone],
    ['站点 / Site', p.siteId],
    ['类别 / Category', p.category],
    ['工程师 / Engineer', p.engineerId],
    ['当前未完成 / Open backlog now', report.now.openBacklog],
    ['当前待派单 / Awaiting dispatcher now', report.now.awaitingDispatcher],
    ...FIGURE_COLUMNS.map((c): [string, number | null] => [c.head, c.value(report.totals)]),
  ];
}

/** The period's KPIs as a workbook: the totals, then one sheet per grouping (day, site, category, engineer). */
export async function exportKpis(deps: Deps, actor: StaffActor, q: KpiQuery): Promise<{ body: Buffer; type: string; filename: string }> {
  const totals = await getKpis(deps, actor, { ...q, groupBy: 'none' });
  const book = new (exceljs().Workbook)();
  const summary = book.addWorksheet('概览 Summary');
  for (const row of summaryRows(totals)) summary.addRow(row);
  summary.getColumn(1).width = 40;
  summary.getColumn(2).width = 24;
  for (const s of SHEETS) {
    const report = await getKpis(deps, actor, { ...q, groupBy: s.groupBy });
    const rows = report.groups.map((g) => ({ label: g.name ?? (g.key === null ? '—' : String(g.key)), kpis: g.kpis }));
    addFigureSheet(book, s.name, s.key, rows);
  }
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return { body, type: XLSX_TYPE, filename: `kpis-${q.from}-${q.to}.xlsx` };
}
