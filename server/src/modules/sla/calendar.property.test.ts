import fc from 'fast-check';
import { CompiledCalendar, type CalendarSpec, type DayKind } from './calendar';
import { replayClock, type ClockMark } from './clock.replay';

const MIN = 60_000;
const DAY = 86_400_000;
/** Fixed offsets (minutes) of the zones the properties use: the oracle reads them from here, not from Intl. */
const ZONES: Record<string, number> = { UTC: 0, 'Asia/Shanghai': 480, 'Asia/Kolkata': 330, 'Asia/Kathmandu': 345, 'America/Bogota': -300 };

type Frame = readonly [number, number];

/** The reference: is the minute starting at UTC `t` working time? Decided from the wall clock alone. */
function oracleWorking(spec: CalendarSpec, t: number): boolean {
  const wall = t + ZONES[spec.timezone] * MIN;
  const day = Math.floor(wall / DAY);
  const minute = (wall - day * DAY) / MIN;
  const frames = (d: number): readonly Frame[] => {
    const kind = spec.days.get(d);
    if (kind === 'off') return [];
    const weekday = (new Date(d * DAY).getUTCDay() + 6) % 7;
    if (kind === 'work' && spec.week[weekday].length === 0) return spec.week[0];
    return spec.week[weekday];
  };
  for (const [s, e] of frames(day)) {
    if (s < e ? minute >= s && minute < e : minute >= s) return true;
  }
  for (const [s, e] of frames(day - 1)) if (e <= s && minute < e) return true;
  return false;
}

const inPause = (pauses: readonly (readonly [number, number])[], t: number) => pauses.some(([a, b]) => t >= a && t < b);

/** The reference deadline: step minute by minute, counting working minutes outside pauses. */
function oracleDue(spec: CalendarSpec, start: number, minutes: number, pauses: readonly (readonly [number, number])[] = []): number | null {
  let counted = 0;
  for (let t = start; t < start + 60 * DAY; t += MIN) {
    if (oracleWorking(spec, t) && !inPause(pauses, t)) counted += 1;
    if (counted === minutes) return t + MIN;
  }
  return null;
}

const quarter = fc.integer({ min: 0, max: 95 }).map((q) => q * 15);
const frameArb = fc
  .tuple(
    quarter,
    fc.integer({ min: 1, max: 96 }).map((q) => q * 15),
  )
  .filter(([s, e]) => s !== e)
  .map(([s, e]) => [s, e] as const);
/** 2026-01-05 (a Monday) as a UTC day number, and a window of two months after it. */
const BASE_DAY = Date.UTC(2026, 0, 5) / DAY;

const specArb: fc.Arbitrary<CalendarSpec> = fc
  .record({
    timezone: fc.constantFrom(...Object.keys(ZONES)),
    week: fc.array(fc.array(frameArb, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
    overrides: fc.array(fc.tuple(fc.integer({ min: -2, max: 70 }), fc.constantFrom<DayKind>('off', 'work')), { maxLength: 20 }),
  })
  .map(({ timezone, week, overrides }) => ({
    timezone,
    week,
    days: new Map(overrides.map(([d, k]) => [BASE_DAY + d, k] as const)),
    holidayYears: null,
  }));

const startArb = fc.integer({ min: 0, max: 30 * 24 * 60 }).map((m) => BASE_DAY * DAY + m * MIN);

/** A calendar the oracle can finish within its window: some working time in most weeks. */
const busy = (spec: CalendarSpec) => spec.week.filter((d) => d.length > 0).length >= 2;

describe('business calendar arithmetic against a minute-by-minute oracle', () => {
  it('adds business minutes exactly as stepping minute by minute would (overnight frames, holidays, make-up days)', () => {
    fc.assert(
      fc.property(specArb, startArb, fc.integer({ min: 1, max: 3000 }), (spec, start, minutes) => {
        fc.pre(busy(spec));
        const expected = oracleDue(spec, start, minutes);
        fc.pre(expected !== null);
        const cal = new CompiledCalendar(spec, start);
        expect(cal.addWorking(start, minutes * MIN)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('counts the business minutes between two instants as the oracle does', () => {
    fc.assert(
      fc.property(specArb, startArb, fc.integer({ min: 0, max: 10 * 24 * 60 }), (spec, a, span) => {
        const b = a + span * MIN;
        let expected = 0;
        for (let t = a; t < b; t += MIN) if (oracleWorking(spec, t)) expected += 1;
        const cal = new CompiledCalendar(spec, a);
        expect((cal.workedAt(b) - cal.workedAt(a)) / MIN).toBe(expected);
        expect((cal.workedAt(a) - cal.workedAt(b)) / MIN + expected).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('replays a clock with pauses to the deadline the oracle finds skipping the paused minutes', () => {
    const pausesArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 3000 })), { maxLength: 4 });
    fc.assert(
      fc.property(specArb, startArb, fc.integer({ min: 1, max: 2500 }), pausesArb, (spec, start, minutes, raw) => {
        fc.pre(busy(spec));
        // Pauses as disjoint, ordered [from, to) intervals after the start, minute-aligned.
        const pauses: Array<[number, number]> = [];
        let cursor = start;
        for (const [gap, length] of raw) {
          const from = cursor + gap * MIN;
          pauses.push([from, from + length * MIN]);
          cursor = from + length * MIN + MIN;
        }
        const expected = oracleDue(spec, start, minutes, pauses);
        fc.pre(expected !== null);
        const marks: ClockMark[] = [{ kind: 'start', at: start }];
        for (const [from, to] of pauses) marks.push({ kind: 'pause', at: from }, { kind: 'resume', at: to });
        const now = cursor;
        const cal = new CompiledCalendar(spec, start);
        const reading = replayClock(cal, marks, minutes, now);
        expect(reading?.dueAt).toBe(expected);
        let paused = 0;
        for (const [from, to] of pauses) for (let t = from; t < to; t += MIN) if (oracleWorking(spec, t)) paused += 1;
        expect(reading?.pausedMs).toBe(paused * MIN);
        expect(reading?.state).toBe(now > (expected ?? 0) ? 'breached' : 'running');
      }),
      { numRuns: 200 },
    );
  });

  it('never counts business time inside a pause that lasts to now, and reports the clock paused', () => {
    fc.assert(
      fc.property(
        specArb,
        startArb,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 4000 }),
        (spec, start, minutes, runFor) => {
          fc.pre(busy(spec));
          const pauseAt = start + runFor * MIN;
          const cal = new CompiledCalendar(spec, start);
          const worked = (cal.workedAt(pauseAt) - cal.workedAt(start)) / MIN;
          const reading = replayClock(
            cal,
            [
              { kind: 'start', at: start },
              { kind: 'pause', at: pauseAt },
            ],
            minutes,
            pauseAt + 5 * DAY,
          );
          expect(reading?.remainingMs).toBe((minutes - worked) * MIN);
          expect(reading?.state).toBe(worked >= minutes ? 'breached' : 'paused');
          if (reading?.state === 'paused') expect(reading.dueAt).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });
});
