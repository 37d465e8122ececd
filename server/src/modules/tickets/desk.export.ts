import { PassThrough, Readable } from 'node:stream';
import { In } from 'typeorm';
import ExcelJS from 'exceljs';
import { STATUS_LABELS, type DeskExportQuery } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { csvCell } from '../../lib/csv';
import { Asset } from '../assets/asset.entity';
import { Site } from '../assets/site.entity';
import { User } from '../auth/user.entity';
import { Ticket } from './ticket.entity';
import { applyDeskFilters, applyGroup, deskFiltersOf, type DeskFilters } from './desk.filters';

/** Beyond this the export asks for narrower filters (a file people can still open). */
export const MAX_EXPORT_ROWS = 200_000;
/** Rows read per keyset step: memory stays at one batch, whatever the file's length. */
export const EXPORT_BATCH = 1_000;

const HEAD = [
  '工单号 Number', '状态 Status', '紧急程度 Urgency', '类别 Category', '报修时间 Created (UTC)', '更新时间 Updated (UTC)',
  '站点 Site', '设备编码 Asset code', '设备 Asset', '位置 Location', '描述 Description', '联系人 Contact', '电话 Phone',
  '工程师 Engineer', '待派单 Awaiting dispatcher', '评分 Rating',
];
type Row = Array<string | number | null>;

export interface TicketExport {
  rows: number;
  type: string;
  filename: string;
  body: Readable;
}

/** The filtered tickets, newest first, one keyset batch at a time. */
async function* batches(deps: Deps, f: DeskFilters, group: DeskExportQuery['group']): AsyncGenerator<Row[]> {
  const em = deps.db.ds.manager;
  const siteName = new Map((await em.find(Site, { where: { tenantId: f.tenantId }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const qb = applyDeskFilters(em.createQueryBuilder(Ticket, 't'), f).select('t.id', 'id');
    if (group) applyGroup(qb, group);
    if (after) qb.andWhere('t.createdAt <= :cAt AND (t.createdAt < :cAt OR t.id < :cId)', { cAt: after.at, cId: after.id });
    const ids = (await qb.orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'DESC').limit(EXPORT_BATCH).getRawMany<{ id: number | string }>())
      .map((r) => Number(r.id));
    if (ids.length === 0) return;
    const tickets = await em.findBy(Ticket, { id: In(ids) });
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const ordered = ids.flatMap((id) => byId.get(id) ?? []);
    const assetIds = [...new Set(ordered.map((t) => t.assetId))];
    const userIds = [...new Set(ordered.flatMap((t) => (t.engineerId ? [t.engineerId] : [])))];
    const [assets, users] = await Promise.all([
      em.find(Asset, { where: { id: In(assetIds) }, select: { id: true, code: true, name: true, location: true } }),
      userIds.length > 0 ? em.find(User, { where: { id: In(userIds) }, select: { id: true, name: true } }) : Promise.resolve([]),
    ]);
    const assetOf = new Map(assets.map((a) => [a.id, a]));
    const userOf = new Map(users.map((u) => [u.id, u.name]));
    yield ordered.map((t) => {
      const a = assetOf.get(t.assetId);
      return [
        t.number, STATUS_LABELS[t.status]?.zh ?? t.status, t.urgency, t.category, t.createdAt.toISOString(), t.updatedAt.toISOString(),
        siteName.get(t.siteId) ?? '', a?.code ?? '', a?.name ?? '', a?.location ?? null, t.description, t.contactName, t.contactPhone,
        t.engineerId ? userOf.get(t.engineerId) ?? '' : null, t.needsDispatcher ? '是 yes' : '', t.rating,
      ];
    });
    if (ids.length < EXPORT_BATCH) return;
    const last = ordered[ordered.length - 1];
    after = { at: last.createdAt, id: last.id };
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
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
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
  const [sql, params] = counted.select('1', 'one').limit(MAX_EXPORT_ROWS + 1).getQueryAndParameters();
  const rows = Number((await deps.db.ds.manager.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params))[0]?.n ?? 0);
  if (rows > MAX_EXPORT_ROWS) throw new AppError('EXPORT_TOO_LARGE', { maxRows: MAX_EXPORT_ROWS });
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  const source = batches(deps, f, q.group);
  if (q.format === 'csv') {
    return { rows, type: 'text/csv; charset=utf-8', filename: `tickets-${stamp}.csv`, body: Readable.from(csvLines(source)) };
  }
  return { rows, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `tickets-${stamp}.xlsx`, body: xlsxStream(deps, source) };
}
