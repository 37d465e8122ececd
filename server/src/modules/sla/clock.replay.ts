import type { SlaState } from '@baoxiu/shared';
import type { CompiledCalendar } from './calendar';
import { MINUTE_MS } from './calendar.zone';

export const CLOCK_EVENT_KINDS = ['start', 'pause', 'resume', 'met', 'reset'] as const;
export type ClockEventKind = (typeof CLOCK_EVENT_KINDS)[number];

/** One ledger entry as the replay needs it: what happened and when (UTC ms). */
export interface ClockMark {
  kind: ClockEventKind;
  at: number;
}

export interface ClockReading {
  state: SlaState;
  /** Null while paused (the deadline moves with the pause) and before the clock ever started. */
  dueAt: number | null;
  startedAt: number;
  metAt: number | null;
  /** Business ms spent paused. */
  pausedMs: number;
  /** Business ms left until due; negative once overdue. */
  remainingMs: number;
  /** Running now (neither paused nor met): only a running clock escalates. */
  running: boolean;
}

/**
 * Replays one target's ledger over a calendar. A 'reset' discards the clock so far (a reopen's new resolution
 * clock starts at the next 'start'); marks that make no sense in the current phase (a second start, a resume
 * while running) are ignored, so a replay never fails on an odd but real history.
 */
export function replayClock(cal: CompiledCalendar, marks: readonly ClockMark[], targetMinutes: number, now: number): ClockReading | null {
  const target = targetMinutes * MINUTE_MS;
  let phase: 'idle' | 'running' | 'paused' | 'met' = 'idle';
  let startedAt = 0;
  let since = 0;
  let elapsed = 0;
  let paused = 0;
  let metAt: number | null = null;
  let dueAt: number | null = null;

  const runUntil = (t: number) => {
    const worked = cal.workedAt(t) - cal.workedAt(since);
    if (dueAt === null && elapsed + worked >= target) dueAt = cal.addWorking(since, target - elapsed);
    elapsed += worked;
  };

  for (const m of marks) {
    if (m.kind === 'reset') {
      phase = 'idle';
      elapsed = 0;
      paused = 0;
      metAt = null;
      dueAt = null;
    } else if (m.kind === 'start' && phase === 'idle') {
      phase = 'running';
      startedAt = m.at;
      since = m.at;
    } else if (m.kind === 'pause' && phase === 'running') {
      runUntil(m.at);
      phase = 'paused';
      since = m.at;
    } else if (m.kind === 'resume' && phase === 'paused') {
      paused += cal.workedAt(m.at) - cal.workedAt(since);
      phase = 'running';
      since = m.at;
    } else if (m.kind === 'met' && (phase === 'running' || phase === 'paused')) {
      if (phase === 'running') runUntil(m.at);
      else paused += cal.workedAt(m.at) - cal.workedAt(since);
      phase = 'met';
      metAt = m.at;
    }
  }
  if (phase === 'idle') return null;
  if (phase === 'running') {
    const at = Math.max(now, since);
    runUntil(at);
    since = at;
    if (dueAt === null) dueAt = cal.addWorking(at, target - elapsed);
  } else if (phase === 'paused') {
    paused += Math.max(0, cal.workedAt(now) - cal.workedAt(since));
  } else if (dueAt === null) {
    dueAt = cal.addWorking(metAt ?? since, target - elapsed);
  }
  const remainingMs = target - elapsed;
  const overdue = remainingMs < 0 || (dueAt !== null && phase !== 'met' && now > dueAt);
  let state: SlaState;
  if (phase === 'met') state = metAt !== null && dueAt !== null && metAt > dueAt ? 'breached' : 'met';
  else if (overdue) state = 'breached';
  else state = phase === 'paused' ? 'paused' : 'running';
  return {
    state,
    dueAt: phase === 'paused' && state === 'paused' ? null : dueAt,
    startedAt,
    metAt,
    pausedMs: paused,
    remainingMs,
    running: phase === 'running',
  };
}
