import type { EscalationLevel, SlaTargetInput } from '@baoxiu/shared';

/** A target's levels; without its own: warn the dispatcher at warnAtPercent, dispatcher and admin at breach. */
export function levelsOf(target: SlaTargetInput, minutes: number): EscalationLevel[] {
  if (target.levels && target.levels.length > 0) return target.levels;
  const warnOffset = -Math.round((minutes * (100 - target.warnAtPercent)) / 100);
  return [
    { offsetMinutes: warnOffset, actions: ['notify_dispatcher'] },
    { offsetMinutes: 0, actions: ['notify_dispatcher', 'notify_admin'] },
  ];
}

/** The business minutes of running clock at which a level fires (never before the clock starts). */
export const fireMinutes = (minutes: number, level: EscalationLevel): number => Math.max(0, minutes + level.offsetMinutes);

/** Urgency one step up (high stays high). */
export const raised = (urgency: string): 'low' | 'normal' | 'high' => (urgency === 'low' ? 'normal' : 'high');
