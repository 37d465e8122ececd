import fs from 'node:fs';
import path from 'node:path';
import { In, type EntityManager } from 'typeorm';
import { EVENT_LABELS, STATUS_LABELS, type TicketEventType } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { formatTime } from '../notifications/values';
import { Asset } from '../assets/asset.entity';
import { Site } from '../assets/site.entity';
import { User } from '../auth/user.entity';
import { Tenant } from '../tenants/tenant.entity';
import { TicketQuote } from '../parts/quote.entity';
import { Upload } from '../uploads/upload.entity';
import type { Ticket } from '../tickets/ticket.entity';
import { TicketEvent } from '../tickets/ticket-event.entity';
import { findReporterTicket, findTicketByNumber } from '../tickets/ticket.transitions';
import { renderServiceReport, type ServiceReportData } from './report.pdf';

/** Steps the report lists (what a customer reads; the dispatch's inner steps are left out). */
const SHOWN = new Set<TicketEventType>([
  'created',
  'accepted',
  'en_route',
  'on_site',
  'waiting_customer',
  'resumed',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
  'rated',
]);
const WITH_NOTE = new Set<TicketEventType>(['resolved', 'reopened', 'cancelled']);
const COVERAGE: Record<string, string> = { warranty: '在保修期内（免费）', contract: '维保合同内', chargeable: '收费' };
const MAX_PHOTOS = 6;

async function fileOf(deps: Deps, u: Upload): Promise<Buffer | null> {
  return fs.promises.readFile(path.join(deps.config.uploadDir, u.path)).catch(() => null);
}

/** The report's data from the ticket and what it links to; money from the parts' price snapshots and the accepted quote. */
async function reportData(deps: Deps, em: EntityManager, ticket: Ticket): Promise<ServiceReportData> {
  const [tenant, asset, site, engineer, events, uploads, quotes] = await Promise.all([
    em.findOneByOrFail(Tenant, { id: ticket.tenantId }),
    em.findOneByOrFail(Asset, { id: ticket.assetId }),
    em.findOneBy(Site, { id: ticket.siteId }),
    ticket.engineerId ? em.findOne(User, { where: { id: ticket.engineerId }, select: { id: true, name: true } }) : null,
    em.find(TicketEvent, { where: { ticketId: ticket.id }, order: { id: 'ASC' } }),
    em.find(Upload, { where: { ticketId: ticket.id, purpose: In(['report', 'resolution', 'signature']) }, order: { id: 'ASC' } }),
    em.find(TicketQuote, { where: { ticketId: ticket.id }, order: { version: 'DESC' } }),
  ]);
  const zone = tenant.timezone;
  const at = (d: Date | null) => (d ? formatTime(d, zone) : null);
  const photos = (
    await Promise.all(
      uploads
        .filter((u) => u.purpose !== 'signature')
        .slice(0, MAX_PHOTOS)
        .map((u) => fileOf(deps, u)),
    )
  ).filter((b): b is Buffer => b !== null);
  const signatureRow = uploads.filter((u) => u.purpose === 'signature').at(-1);
  const signatureBytes = signatureRow ? await fileOf(deps, signatureRow) : null;
  const parts = (ticket.partsUsed ?? []).map((p) => ({
    sku: p.sku ?? String(p.partId),
    name: p.name ?? '',
    quantity: p.quantity,
    unitPrice: p.unitPrice ?? 0,
    amount: p.lineTotal ?? (p.unitPrice ?? 0) * p.quantity,
  }));
  const accepted = quotes.find((q) => q.status === 'accepted') ?? null;
  const covered = ticket.coverage === 'warranty' || ticket.coverage === 'contract';
  const partsTotal = parts.reduce((n, p) => n + p.amount, 0);
  const labour = accepted ? { minutes: accepted.labourMinutes, amount: accepted.labourAmount } : null;
  const calloutFee = accepted?.calloutFee ?? 0;
  return {
    tenantName: tenant.name,
    number: ticket.number,
    status: STATUS_LABELS[ticket.status]?.zh ?? ticket.status,
    createdAt: formatTime(ticket.createdAt, zone),
    resolvedAt: at(ticket.resolvedAt),
    asset: {
      name: asset.name,
      code: asset.code,
      model: asset.model,
      serial: asset.serial,
      site: site?.name ?? '',
      address: site?.address ?? null,
      location: asset.location,
    },
    coverage: ticket.coverage ? (COVERAGE[ticket.coverage] ?? ticket.coverage) : null,
    description: ticket.description,
    engineer: engineer?.name ?? null,
    timeline: events
      .filter((e) => SHOWN.has(e.type))
      .map((e) => ({ at: formatTime(e.createdAt, zone), what: EVENT_LABELS[e.type].zh, note: WITH_NOTE.has(e.type) ? e.note : null })),
    resolutionNotes: ticket.resolutionNotes,
    photos,
    currency: 'CNY',
    parts,
    labour,
    calloutFee,
    // Covered work costs the customer nothing; chargeable work what was used (and the accepted quote's labour and call-out).
    total: covered ? 0 : partsTotal + (labour?.amount ?? 0) + calloutFee,
    signature: signatureBytes && signatureRow ? { png: signatureBytes, at: formatTime(signatureRow.createdAt, zone) } : null,
  };
}

export interface ReportFile {
  filename: string;
  body: Buffer;
}

/** `GET /api/tickets/:number/report.pdf`: the tenant's staff. */
export async function staffServiceReport(deps: Deps, tenantId: number, number: string): Promise<ReportFile> {
  const em = deps.db.ds.manager;
  const ticket = await findTicketByNumber(em, tenantId, number, 'TICKET_NOT_FOUND');
  return { filename: `service-report-${ticket.number}.pdf`, body: await renderServiceReport(await reportData(deps, em, ticket)) };
}

/** `GET /api/public/tickets/:trackingToken/report.pdf`: the reporter's own link (a follow link sees progress only: 403). */
export async function publicServiceReport(deps: Deps, token: string): Promise<ReportFile> {
  const em = deps.db.ds.manager;
  const ticket = await findReporterTicket(em, token, deps.jwtSecret);
  return { filename: `service-report-${ticket.number}.pdf`, body: await renderServiceReport(await reportData(deps, em, ticket)) };
}
