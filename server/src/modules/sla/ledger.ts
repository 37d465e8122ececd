import { SLA_TARGETS, type SlaTargetInput, type SlaTargetKind, type TicketStatus } from '@baoxiu/shared';
import type { ClockEventKind } from './clock.replay';
import { pausesIn } from './policy';

export type ClockPhase = 'idle' | 'running' | 'paused' | 'met';

export interface PlannedMark {
  target: SlaTargetKind;
  kind: ClockEventKind;
  cause: string;
}

/** The phase a target's clock is in after its marks (the replay's rules: a mark out of place changes nothing). */
export function phaseAfter(kinds: readonly ClockEventKind[]): ClockPhase {
  let phase: ClockPhase = 'idle';
  for (const k of kinds) {
    if (k === 'reset') phase = 'idle';
    else if (k === 'start' && phase === 'idle') phase = 'running';
    else if (k === 'pause' && phase === 'running') phase = 'paused';
    else if (k === 'resume' && phase === 'paused') phase = 'running';
    else if (k === 'met' && (phase === 'running' || phase === 'paused')) phase = 'met';
  }
  return phase;
}

/** The status that stops each clock: response at acceptance, arrival on site, resolution when resolved. */
const MET_AT: Record<SlaTargetKind, TicketStatus> = { response: 'accepted', arrival: 'on_site', resolution: 'resolved' };

/** New clocks for a new ticket: all three start when it is filed. */
export const STARTS: readonly PlannedMark[] = SLA_TARGETS.map((target) => ({ target, kind: 'start', cause: 'created' }));

/**
 * The ledger marks one status change writes. A cancel resets every clock (a cancelled ticket neither meets nor
 * breaches); a reopen resets and restarts the resolution clock (response and arrival keep their first result);
 * resolving meets every open clock; the rest pause in waiting_customer (or a status the target marks) and resume after.
 */
export function marksForTransition(
  phases: Readonly<Record<SlaTargetKind, ClockPhase>>,
  from: TicketStatus,
  to: TicketStatus,
  target: SlaTargetInput | null,
): PlannedMark[] {
  if (from === to) return [];
  const out: PlannedMark[] = [];
  const open = (k: SlaTargetKind) => phases[k] === 'running' || phases[k] === 'paused';
  if (to === 'cancelled') {
    return SLA_TARGETS.filter((k) => phases[k] !== 'idle').map((k) => ({ target: k, kind: 'reset', cause: 'cancelled' }));
  }
  for (const k of SLA_TARGETS) {
    if (to === 'reopened' && k === 'resolution') {
      out.push({ target: k, kind: 'reset', cause: 'reopened' }, { target: k, kind: 'start', cause: 'reopened' });
      continue;
    }
    if (!open(k)) continue;
    if (to === MET_AT[k] || to === 'resolved') {
      out.push({ target: k, kind: 'met', cause: `status:${to}` });
      continue;
    }
    const pause = pausesIn(target, to);
    if (phases[k] === 'running' && pause) out.push({ target: k, kind: 'pause', cause: `status:${to}` });
    if (phases[k] === 'paused' && !pause) out.push({ target: k, kind: 'resume', cause: `status:${to}` });
  }
  return out;
}
