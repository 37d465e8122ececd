import { PassThrough, Readable } from 'node:stream';
import { rawInstant } from '../../lib/time';
import { exceljs } from '../../lib/lazy-libs';
import { STATUS_LABELS, type DeskExportQuery } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { csvCell } from '../../lib/csv';
import { Asset } from '../assets/asset.entity';
import { Site } from '../assets/site.entity';
import { User } from '../auth/user.entity';
import { Ticket } from '../tickets/ticket.entity';
import { applyDeskFilters, applyGroup, deskFiltersOf, type DeskFilters } from './desk.filters';

/** Beyond this the export asks for narrower filters (a file people can still open). */
export const MAX_EXPORT_ROWS = 200_000;
/** Rows read per keyset step: memory stays at one batch, whatever the file's length. */
export const EXPORT_BATCH = 250;

const HEAD = [
  '工单号 Number',
  '状态 Status',
  '紧急程度 Urgency',
  '类别 Category',
  '报修时间 Created (UTC)',
  '更新时间 Updated (UTC)',
  '站点 Site',
  '设备编码 Asset code',
  '设备 Asset',
  '位置 Location',
  '描述 Description',
  '联系人 Contact',
  '电话 Phone',
  '工程师 Engineer',
  '待派单 Awaiting dispatcher',
  '评分 Rating',
];
type Row = Array<string | number | null>;

export interface TicketExport {
  rows: number;
  type: string;
  filename: string;
  body: Readable;
}

interface RawRow {
  id: number | string;
  number: string;
  status: Ticket['status'];
  urgency: string;
  category: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  siteId: number | string;
  description: string;
  contactName: string | null;
  contactPhone: string;
  needsDispatcher: number | boolean | string;
  rating: number | null;
  assetCode: string | null;
  assetName: string | null;
  location: string | null;
  engineer: string | null;
}

/** MySQL answers DATETIME as a Date; SQLite as UTC text ('YYYY-MM-DD HH:MM:SS.SSS'). */
const truthy = (v: number | boolean | string) => v === true || v === 1 || v === '1';

/** The filtered tickets, newest first: one joined, unhydrated query per keyset batch (little garbage per row). */
async function* batches(deps: Deps, f: DeskFilters, group: DeskExportQuery['group']): AsyncGenerator<Row[]> {
  const em = deps.db.ds.manager;
  const siteName = new Map(
    (await em.find(Site, { where: { tenantId: f.tenantId }, select: { id: true, name: true } })).map((s) => [s.id, s.name]),
  );
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const qb = applyDeskFilters(em.createQueryBuilder(Ticket, 't'), f)
      .leftJoin(Asset, 'a', 'a.id = t.assetId')
      .leftJoin(User, 'u', 'u.id = t.engineerId')
      .select('t.id', 'id')
      .addSelect('t.number', 'number')
      .addSelect('t.status', 'status')
      .addSelect('t.urgency', 'urgency')
      .addSelect('t.category', 'category')
      .addSelect('t.createdAt', 'createdAt')
      .addSelect('t.updatedAt', 'updatedAt')
      .addSelect('t.siteId', 'siteId')
      .addSelect('t.description', 'description')
      .addSelect('t.contactName', 'contactName')
      .addSelect('t.contactPhone', 'contactPhone')
      .addSelect('t.needsDispatcher', 'needsDispatcher')
      .addSelect('t.rating', 'rating')
      .addSelect('a.code', 'assetCode')
      .addSelect('a.name', 'assetName')
      .addSelect('a.location', 'location')
      .addSelect('u.name', 'engineer');
    if (group) applyGroup(qb, group);
    if (after) qb.andWhere('t.createdAt <= :cAt AND (t.createdAt < :cAt OR t.id < :cId)', { cAt: after.at, cId: after.id });
    const raw = await qb.orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'DESC').limit(EXPORT_BATCH).getRawMany<RawRow>();
    if (raw.length === 0) return;
    yield raw.map((t) => [
      t.number,
      STATUS_LABELS[t.status]?.zh ?? t.status,
      t.urgency,
      t.category,
      rawInstant(t.createdAt).toISOString(),
      rawInstant(t.updatedAt).toISOString(),
      siteName.get(Number(t.siteId)) ?? '',
      t.assetCode ?? '',
      t.assetName ?? '',
      t.location,
      t.description,
      t.contactName,
      t.contactPhone,
      t.engineer,
      truthy(t.needsDispatcher) ? '是 yes' : '',
      t.rating === null ? null : Number(t.rating),
    ]);
    if (raw.length < EXPORT_BATCH) return;
    const last = raw[raw.length - 1];
    after = { at: rawInstant(last.createdAt), id: Number(last.id) };
  }
}

async function* csvLines(source: AsyncGenerator<Row[]>): AsyncGenerator<string> {
  // BOM: Excel on Chinese Windows opens UTF-8 CSV correctly only with it.
  yield `\ufeff${HEAD.map(csvCell).join(',')}\r\n`;
  for await (const rows of source) yield rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

/** exceljs' streaming writer: rows are committed to the zip as they come; the loop waits whenever the client is slower. */
function xlsxStream(deps: Deps, source: AsyncGenerator<Row[]>): Readable {
  const out = new PassThrough();
  const book = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = book.addWorksheet('tickets');
  sheet.columns = HEAD.map((h) => ({ header: h, width: 18 }));
  void (async () => {
    for await (const rows of source) {
      for (const r of rows) sheet.addRow(r).commit();
      if (out.writableNeedDrain) {
        await new Promise((resolve) => {
          out.once('drain', resolve);
          out.once('close', resolve);
        });
      }
      if (out.destroyed) return;
    }
    sheet.commit();
    await book.commit();
  })().catch((err: unknown) => {
    deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'ticket export failed mid-file');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

/** Counts first (the console shows progress against it, and a too-large export is refused before a byte is sent). */
export async function exportTickets(deps: Deps, tenantId: number, q: DeskExportQuery): Promise<TicketExport> {
  const f = deskFiltersOf(tenantId, q);
  const counted = applyDeskFilters(deps.db.ds.manager.createQueryBuilder(Ticket, 't'), f);
  if (q.group) applyGroup(counted, q.group);
  const [sql, params] = counted
    .select('1', 'one')
    .limit(MAX_EXPORT_ROWS + 1)
    .getQueryAndParameters();
  const rows = Number(
    (await deps.db.ds.manager.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params))[0]?.n ?? 0,
  );
  if (rows > MAX_EXPORT_ROWS) throw new AppError('EXPORT_TOO_LARGE', { maxRows: MAX_EXPORT_ROWS });
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  const source = batches(deps, f, q.group);
  if (q.format === 'csv') {
    return { rows, type: 'text/csv; charset=utf-8', filename: `tickets-${stamp}.csv`, body: Readable.from(csvLines(source)) };
  }
  return {
    rows,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `tickets-${stamp}.xlsx`,
    body: xlsxStream(deps, source),
  };
}
