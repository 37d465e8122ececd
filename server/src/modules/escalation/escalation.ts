import type { DispatchMode, EscalationLevel, SlaTargetInput, SlaTargetKind } from '@baoxiu/shared';

/**
 * A target's levels; without its own: warn the dispatcher at warnAtPercent, dispatcher and admin at breach. In the
 * `combined` dispatch mode the response clock's default levels carry the dispatch: at the warning the job is opened
 * to the pool (reassign_pool), at the breach it goes to the dispatcher's queue (to_dispatcher). A target with levels
 * of its own keeps them in every mode.
 */
export function levelsOf(target: SlaTargetInput, minutes: number, kind: SlaTargetKind, mode: DispatchMode): EscalationLevel[] {
  if (target.levels && target.levels.length > 0) return target.levels;
  const warnOffset = -Math.round((minutes * (100 - target.warnAtPercent)) / 100);
  if (mode === 'combined' && kind === 'response') {
    return [
      { offsetMinutes: warnOffset, actions: ['notify_dispatcher', 'reassign_pool'] },
      { offsetMinutes: 0, actions: ['notify_dispatcher', 'notify_admin', 'to_dispatcher'] },
    ];
  }
  return [
    { offsetMinutes: warnOffset, actions: ['notify_dispatcher'] },
    { offsetMinutes: 0, actions: ['notify_dispatcher', 'notify_admin'] },
  ];
}

/** The business minutes of running clock at which a level fires (never before the clock starts). */
export const fireMinutes = (minutes: number, level: EscalationLevel): number => Math.max(0, minutes + level.offsetMinutes);

/** Urgency one step up (high stays high). */
export const raised = (urgency: string): 'low' | 'normal' | 'high' => (urgency === 'low' ? 'normal' : 'high');
