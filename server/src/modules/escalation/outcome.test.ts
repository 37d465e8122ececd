import type { ClockReading } from '../sla/clock.replay';
import { PENDING_RECHECK_MS, outcomeOf, planTicket, type LevelTime } from './escalation.service';
import type { TicketClocks } from '../sla/sla.view';

const reading = (state: ClockReading['state'], over: Partial<ClockReading> = {}): ClockReading => ({
  state,
  dueAt: null,
  startedAt: 0,
  metAt: null,
  pausedMs: 0,
  remainingMs: 0,
  running: state === 'running',
  ...over,
});

describe('SLA outcome of a replayed clock', () => {
  it('decides met and breached, keeps breached final, and leaves running, paused and reset clocks undecided', () => {
    expect(outcomeOf(null, reading('met'))).toBe(1);
    expect(outcomeOf(null, reading('breached'))).toBe(0);
    expect(outcomeOf(null, reading('running'))).toBeNull();
    expect(outcomeOf(null, reading('paused'))).toBeNull();
    expect(outcomeOf(null, null)).toBeNull(); // cancelled: the clocks were reset
    expect(outcomeOf(0, reading('met'))).toBe(0); // a late acceptance, a reopen's new clock met in time
    expect(outcomeOf(0, null)).toBe(0);
    expect(outcomeOf(1, reading('running'))).toBe(1); // a reopen's new resolution clock, still running
    expect(outcomeOf(1, reading('breached'))).toBe(0); // … which then breaches
  });
});

describe('the sweep plan of one ticket', () => {
  const now = 1_000_000;
  const clocks = (dueAt: number): TicketClocks => ({
    target: { urgency: 'normal', responseMinutes: 60, resolutionMinutes: 480, warnAtPercent: 80, pauseStatuses: [] },
    readings: { response: reading('running', { dueAt }), arrival: null, resolution: null },
    marks: {},
    calendar: null,
  });
  const level = (i: number, at: number): LevelTime => ({ ticketId: 1, target: 'response', level: i, clockStartedAt: 0, at });

  it('looks again at the earliest future level or deadline, and soon while a due level has not fired', () => {
    const c = { ...clocks(now + 500_000), calendar: {} as TicketClocks['calendar'] };
    expect(
      planTicket(c, [level(0, now + 20_000), level(1, now + 500_000)], { response: null, arrival: null, resolution: null }, new Set(), now)
        .nextAt,
    ).toBe(now + 20_000);
    // The next level and the deadline further off than the recheck: the unfired level decides when to look again.
    const far = now + 2 * PENDING_RECHECK_MS;
    const pending = planTicket(
      { ...clocks(far), calendar: {} as TicketClocks['calendar'] },
      [level(0, now - 1), level(1, far)],
      { response: null, arrival: null, resolution: null },
      new Set(),
      now,
    );
    expect(pending.due.map((d) => d.level)).toEqual([0]);
    expect(pending.nextAt).toBe(now + PENDING_RECHECK_MS);
    const fired = planTicket(
      c,
      [level(0, now - 1), level(1, now + 500_000)],
      { response: null, arrival: null, resolution: null },
      new Set(['sla-esc-1-response-0-0']),
      now,
    );
    expect(fired).toEqual({ due: [], outcomes: { response: null, arrival: null, resolution: null }, nextAt: now + 500_000 });
  });

  it('has no next instant once nothing runs', () => {
    const met: TicketClocks = {
      ...clocks(0),
      readings: { response: reading('met'), arrival: null, resolution: null },
      calendar: {} as TicketClocks['calendar'],
    };
    expect(planTicket(met, [], { response: null, arrival: null, resolution: null }, new Set(), now)).toEqual({
      due: [],
      outcomes: { response: 1, arrival: null, resolution: null },
      nextAt: null,
    });
  });
});
