import { In, type EntityManager } from 'typeorm';
import type { LabourSettings, QuoteInput, RepairQuoteLine, QuoteView, TicketCoverage } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/time';
import { LabourSettingsRow, TicketQuote } from './quote.entity';
import { partsByIds } from './parts.service';

const DEFAULT_SETTINGS: LabourSettings = { labourRatePerHour: 0, calloutFee: 0, quoteRequired: false, signatureRequired: false };

export async function labourSettingsOf(em: EntityManager, tenantId: number): Promise<LabourSettings> {
  const row = await em.findOneBy(LabourSettingsRow, { tenantId });
  return row
    ? {
        labourRatePerHour: row.labourRatePerHour,
        calloutFee: row.calloutFee,
        quoteRequired: row.quoteRequired,
        signatureRequired: row.signatureRequired,
      }
    : DEFAULT_SETTINGS;
}

export async function putLabourSettings(em: EntityManager, tenantId: number, input: LabourSettings, now: Date): Promise<LabourSettings> {
  await em.upsert(LabourSettingsRow, { tenantId, ...input, updatedAt: now }, ['tenantId']);
  return labourSettingsOf(em, tenantId);
}

export function presentQuote(q: TicketQuote): QuoteView {
  return {
    version: q.version,
    status: q.status,
    labourMinutes: q.labourMinutes,
    labourRatePerHour: q.labourRatePerHour,
    labourAmount: q.labourAmount,
    calloutFee: q.calloutFee,
    lines: q.lines,
    partsAmount: q.partsAmount,
    total: q.total,
    createdAt: iso(q.createdAt) as string,
    answeredAt: iso(q.answeredAt),
  };
}

/** Labour is priced by the minute at the hourly rate, rounded to the nearest minor unit (half up). */
export function labourAmount(minutes: number, ratePerHour: number): number {
  return Math.floor((minutes * ratePerHour + 30) / 60);
}

/** The dispatcher may cancel as "quote refused" only when the reporter rejected the latest version (else 409 QUOTE_NOT_REFUSED). */
export async function requireRefusedQuote(em: EntityManager, ticketId: number): Promise<void> {
  const latest = await latestQuote(em, ticketId);
  if (latest?.status !== 'rejected')
    throw new AppError('QUOTE_NOT_REFUSED', { quote: latest ? { version: latest.version, status: latest.status } : null });
}

export async function latestQuote(em: EntityManager, ticketId: number): Promise<TicketQuote | null> {
  return em.findOne(TicketQuote, { where: { ticketId }, order: { version: 'DESC' } });
}

/** The latest quote of each ticket that has one: one query for a page of tickets. */
export async function latestQuotesOf(em: EntityManager, ticketIds: readonly number[]): Promise<Map<number, QuoteView>> {
  const out = new Map<number, QuoteView>();
  if (ticketIds.length === 0) return out;
  const rows = await em.find(TicketQuote, { where: { ticketId: In([...ticketIds]) }, order: { version: 'ASC' } });
  for (const q of rows) out.set(q.ticketId, presentQuote(q));
  return out;
}

export interface QuoteContext {
  tenantId: number;
  ticket: { id: number; coverage: TicketCoverage };
  actorId: number;
  now: Date;
}

/**
 * A new version of the ticket's quote (the one before, if still waiting, is superseded): today's prices of the parts,
 * the tenant's labour rate, and its call-out fee unless the engineer names one. Only chargeable tickets get quotes.
 */
/** The largest quote total (minor units) the INT money columns hold with room: ¥20,000,000. */
export const MAX_QUOTE_TOTAL = 2_000_000_000;

export async function createQuote(em: EntityManager, ctx: QuoteContext, input: QuoteInput): Promise<QuoteView> {
  if (ctx.ticket.coverage !== 'chargeable') throw new AppError('QUOTE_NOT_NEEDED', { coverage: ctx.ticket.coverage });
  const settings = await labourSettingsOf(em, ctx.tenantId);
  const ids = [...new Set(input.lines.map((l) => l.partId))];
  const parts = new Map((await partsByIds(em, ctx.tenantId, ids)).map((p) => [p.id, p]));
  const unknown = ids.filter((id) => !parts.has(id));
  if (unknown.length > 0) throw new AppError('PARTS_UNKNOWN', { partIds: unknown });
  const lines: RepairQuoteLine[] = input.lines.map((l) => {
    const p = parts.get(l.partId);
    if (!p) throw new AppError('PARTS_UNKNOWN', { partIds: [l.partId] });
    return {
      partId: p.id,
      sku: p.sku,
      name: p.name,
      unit: p.unit,
      quantity: l.quantity,
      unitPrice: p.price,
      lineTotal: p.price * l.quantity,
    };
  });
  const labour = labourAmount(input.labourMinutes, settings.labourRatePerHour);
  const calloutFee = input.calloutFee ?? settings.calloutFee;
  const partsAmount = lines.reduce((n, l) => n + l.lineTotal, 0);
  // The quote's amounts are INT columns (minor units): beyond ¥20,000,000 a quote is refused, never stored wrapped.
  if (labour + calloutFee + partsAmount > MAX_QUOTE_TOTAL) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: ['lines'], message: `the quote's total must not exceed ${MAX_QUOTE_TOTAL} (minor units)` }],
    });
  }
  const previous = await latestQuote(em, ctx.ticket.id);
  if (previous?.status === 'pending') await em.update(TicketQuote, { id: previous.id, status: 'pending' }, { status: 'superseded' });
  // Two quotes at once meet on the unique (ticket, version): the later one fails and its transaction retries or refuses.
  const row: Omit<TicketQuote, 'id'> = {
    tenantId: ctx.tenantId,
    ticketId: ctx.ticket.id,
    version: (previous?.version ?? 0) + 1,
    status: 'pending',
    labourMinutes: input.labourMinutes,
    labourRatePerHour: settings.labourRatePerHour,
    labourAmount: labour,
    calloutFee,
    lines,
    partsAmount,
    total: labour + calloutFee + partsAmount,
    createdBy: ctx.actorId,
    createdAt: ctx.now,
    answeredAt: null,
  };
  const id = (await em.insert(TicketQuote, row)).identifiers[0].id as number;
  return presentQuote(Object.assign(new TicketQuote(), row, { id }));
}

/** The reporter accepts or rejects the version they saw; an older version, or one already answered, is 409 QUOTE_OUTDATED. */
export async function answerQuote(
  em: EntityManager,
  ticketId: number,
  version: number,
  answer: 'accepted' | 'rejected',
  now: Date,
): Promise<QuoteView> {
  const latest = await latestQuote(em, ticketId);
  if (!latest) throw new AppError('QUOTE_NOT_FOUND');
  const outdated = () => new AppError('QUOTE_OUTDATED', { version, current: latest.version, status: latest.status });
  if (latest.version !== version || latest.status !== 'pending') throw outdated();
  const changed = await em.update(TicketQuote, { id: latest.id, status: 'pending' }, { status: answer, answeredAt: now });
  if (!changed.affected) throw outdated();
  return presentQuote(Object.assign(latest, { status: answer, answeredAt: now }));
}

/**
 * Resolving chargeable work waits for an accepted quote where the tenant asks for one (422 QUOTE_REQUIRED), and for
 * the customer's signature where the tenant requires it (422 SIGNATURE_REQUIRED).
 */
export async function requireAcceptedQuote(
  em: EntityManager,
  ticket: { id: number; tenantId: number; coverage: TicketCoverage },
  signatureUploadId?: string | null,
): Promise<void> {
  if (ticket.coverage !== 'chargeable') return;
  const settings = await labourSettingsOf(em, ticket.tenantId);
  if (settings.signatureRequired && !signatureUploadId) throw new AppError('SIGNATURE_REQUIRED');
  if (!settings.quoteRequired) return;
  const latest = await latestQuote(em, ticket.id);
  if (latest?.status !== 'accepted')
    throw new AppError('QUOTE_REQUIRED', { quote: latest ? { version: latest.version, status: latest.status } : null });
}
