import type { EntityManager } from 'typeorm';
import type { PmChecklistAnswer, PmChecklistItem, ResolveInput } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { Asset } from '../assets/asset.entity';
import { Tenant } from '../tenants/tenant.entity';
import type { Ticket } from '../tickets/ticket.entity';
import { insertTickets } from '../intake/intake.batch';
import { PmOccurrenceRow, PmPlanRow } from './pm.entity';

export interface ChecklistProblem {
  itemId: string;
  label?: string;
  reason: 'required' | 'wrong_kind' | 'unknown_item' | 'duplicate' | 'photo_not_attached';
  expected?: PmChecklistItem['kind'];
}

type Value = PmChecklistAnswer['value'];

const blank = (v: Value | undefined): boolean => v === undefined || (typeof v === 'string' && v.trim() === '');

function kindFits(item: PmChecklistItem, v: Value): boolean {
  if (item.kind === 'check') return typeof v === 'boolean';
  if (item.kind === 'number') return typeof v === 'number' && Number.isFinite(v);
  return typeof v === 'string';
}

/** Whether an answered item is a finding: a failed check, or a reading outside the item's [min, max]. */
function failed(item: PmChecklistItem, v: Value): boolean {
  if (item.kind === 'check') return v === false;
  if (item.kind === 'number' && typeof v === 'number')
    return (item.min !== undefined && v < item.min) || (item.max !== undefined && v > item.max);
  return false;
}

/**
 * The answers against the plan's items: every problem at once (unknown or repeated ids, required items left
 * blank, a value of the wrong kind, a photo not among the resolve's photos). Pure, so it is tested directly.
 */
export function checkAnswers(
  items: PmChecklistItem[],
  answers: PmChecklistAnswer[],
  photoIds: string[],
): { problems: ChecklistProblem[]; failed: PmChecklistItem[] } {
  const problems: ChecklistProblem[] = [];
  const byId = new Map<string, Value>();
  const known = new Set(items.map((i) => i.id));
  for (const a of answers) {
    if (!known.has(a.itemId)) problems.push({ itemId: a.itemId, reason: 'unknown_item' });
    else if (byId.has(a.itemId)) problems.push({ itemId: a.itemId, reason: 'duplicate' });
    byId.set(a.itemId, a.value);
  }
  const findings: PmChecklistItem[] = [];
  for (const item of items) {
    const v = byId.get(item.id);
    if (blank(v) || v === undefined) {
      if (item.required) problems.push({ itemId: item.id, label: item.label, reason: 'required' });
      continue;
    }
    if (!kindFits(item, v)) problems.push({ itemId: item.id, label: item.label, reason: 'wrong_kind', expected: item.kind });
    else if (item.kind === 'photo' && !photoIds.includes(v as string))
      problems.push({ itemId: item.id, label: item.label, reason: 'photo_not_attached' });
    else if (failed(item, v)) findings.push(item);
  }
  return { problems, failed: findings };
}

function describeFinding(item: PmChecklistItem, v: Value | undefined): string {
  if (item.kind === 'check') return `${item.label}：未通过 / failed`;
  const range = `${item.min ?? '−∞'}–${item.max ?? '∞'}`;
  return `${item.label}：${String(v)}（正常范围 / range ${range}）`;
}

/**
 * The PM half of an engineer's resolve, inside its transaction: a preventive job's checklist is checked against its
 * plan (422 PM_CHECKLIST_INVALID listing each item), stored on the occurrence, and a failed check or an out-of-range
 * reading opens one corrective repair ticket linked to the visit (sourceTicketId), dispatched like any repair.
 */
export async function resolvePmChecklist(em: EntityManager, ticket: Ticket, input: ResolveInput, now: Date): Promise<void> {
  if (ticket.type !== 'preventive') return;
  const occurrence = await em.getRepository(PmOccurrenceRow).findOneBy({ ticketId: ticket.id, tenantId: ticket.tenantId });
  if (!occurrence) return;
  const plan = await em.getRepository(PmPlanRow).findOneBy({ id: occurrence.planId, tenantId: ticket.tenantId });
  if (!plan) return;
  const answers = input.checklist ?? [];
  const { problems, failed: findings } = checkAnswers(plan.checklist, answers, input.photoIds);
  if (problems.length > 0) throw new AppError('PM_CHECKLIST_INVALID', { items: problems });
  const valueOf = new Map(answers.map((a) => [a.itemId, a.value]));
  let correctiveTicketId = occurrence.correctiveTicketId;
  if (findings.length > 0 && correctiveTicketId === null) {
    const asset = await em.getRepository(Asset).findOneByOrFail({ id: ticket.assetId, tenantId: ticket.tenantId });
    const zone = (await em.getRepository(Tenant).findOneByOrFail({ id: ticket.tenantId })).timezone;
    const description = `保养发现问题 / PM finding（${ticket.number}）：${findings.map((f) => describeFinding(f, valueOf.get(f.id))).join('；')}`;
    const [corrective] = await insertTickets(em, now, [
      {
        asset,
        zone,
        type: 'repair',
        sourceTicketId: ticket.id,
        createdBy: 'system',
        reporterOpenid: null,
        hash: null,
        key: `pm-fix:${ticket.id}`,
        input: {
          description: description.slice(0, 2000),
          urgency: 'normal',
          contactPhone: ticket.contactPhone,
          contactName: ticket.contactName,
          photoIds: [],
          category: ticket.category,
        },
      },
    ]);
    correctiveTicketId = corrective.id;
  }
  await em.update(
    PmOccurrenceRow,
    { id: occurrence.id },
    {
      results: {
        answers: answers.map((a) => ({ itemId: a.itemId, value: a.value })),
        failed: findings.map((f) => f.id),
        at: now.toISOString(),
      },
      correctiveTicketId,
    },
  );
}
