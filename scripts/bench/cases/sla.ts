/** SLA deadline for one ticket: the ledger replayed over a compiled business calendar, in process. */
import { performance } from 'node:perf_hooks';
import { CompiledCalendar } from '../../../server/src/modules/sla/calendar';
import { buildCalendarSpec } from '../../../server/src/modules/sla/calendar.spec';
import { replayClock, type ClockMark } from '../../../server/src/modules/sla/clock.replay';
import { statutoryDaysFromPackage, yearsOf } from '../../../server/src/modules/sla/holidays.data';
import { percentile, type Row } from '../report';

const office = [['09:00', '12:00'], ['13:00', '18:00']] as [string, string][];
const us = (x: number) => `${x.toFixed(x >= 10 ? 1 : 2)} µs`;

/**
 * Each sample replays one ticket's resolution clock (start, a pause, a resume) over a 2026 Asia/Shanghai
 * calendar with China's holidays and asks for its due time; the baseline is a plain wall-clock addition.
 */
export function slaDeadlineRows(samples: number): Row[] {
  const days = statutoryDaysFromPackage();
  const spec = buildCalendarSpec({
    timezone: 'Asia/Shanghai', holidays: 'cn', extraHolidays: [], extraWorkdays: [], ignoredStatutoryDays: [],
    week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  }, { days, years: yearsOf(days) });
  const base = Date.parse('2026-01-05T00:00:00Z');
  const cal = new CompiledCalendar(spec, base);
  const span = 300 * 86_400_000;
  const tickets = Array.from({ length: 1024 }, (_, i): ClockMark[] => {
    const start = base + Math.floor(((i * 2_654_435_761) % 1_000_003) / 1_000_003 * span);
    return [{ kind: 'start', at: start }, { kind: 'pause', at: start + 3_600_000 }, { kind: 'resume', at: start + 30 * 3_600_000 }];
  });
  const now = base + span + 86_400_000 * 20;
  let sink = 0;
  const time = (fn: (marks: ClockMark[]) => number): number[] => {
    for (let i = 0; i < 2_000; i++) sink += fn(tickets[i % tickets.length]); // warm-up
    const out: number[] = [];
    for (let i = 0; i < samples; i++) {
      const marks = tickets[i % tickets.length];
      const t = performance.now();
      sink += fn(marks);
      out.push((performance.now() - t) * 1000);
    }
    return out;
  };
  const replay = time((marks) => replayClock(cal, marks, 960, now)?.dueAt ?? 0);
  const plain = time((marks) => marks[0].at + 960 * 60_000);
  const p99 = percentile(replay, 99);
  const baseP99 = percentile(plain, 99);
  if (sink === 42) process.stderr.write(''); // keeps the work observable to the optimiser
  return [{
    path: 'SLA deadline: one ticket over a business calendar',
    measured: `p50 ${us(percentile(replay, 50))}, p99 ${us(p99)} over ${samples.toLocaleString('en')} tickets (ledger replay, holidays of 2026)`,
    baseline: `p99 ${us(baseP99)} (wall-clock addition)`,
    ratio: baseP99 > 0 ? p99 / baseP99 : null,
    bar: '≤ 50 µs (judged on p99)',
    verdict: p99 <= 50 ? 'pass' : 'fail',
    data: { p50: percentile(replay, 50), p99, baselineP99: baseP99, samples },
  }];
}
