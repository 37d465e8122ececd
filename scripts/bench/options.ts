/** Sizes and durations of a bench run: `--quick` fits in under two minutes, the full run takes its time. */
export interface BenchMode {
  quick: boolean;
  /** Tickets seeded into the big tenant for the list rows (1,000,000 in a full run). */
  tickets: number;
  warmupSeconds: number;
  loadSeconds: number;
  /** autocannon connections for the throughput rows (QUALITY.md: 50). */
  connections: number;
  /** QUALITY.md: intake p99 is judged at this fixed rate. */
  intakeRate: number;
  /** QUALITY.md: intake → offered is judged at this fixed rate. */
  latencyRate: number;
  latencySeconds: number;
  listSeconds: number;
  /** Per KPI query (one connection, like the list rows). */
  kpiSeconds: number;
  dispatchEngineers: number;
  dispatchTickets: number;
  dispatchRepeats: number;
  raceRepeats: number;
  /** Open desk streams, and ticket changes timed across them. */
  deskClients: number;
  deskChanges: number;
  labelSizes: number[];
  /** Build the miniapp when dist/ is missing (the full run does; --quick marks the rows "not built"). */
  buildMiniapp: boolean;
  /** `--only scan,intake`: run just these cases while working on them (rows of the others say "skipped"; docs untouched). */
  only: Set<BenchCase> | null;
}

export const BENCH_CASES = [
  'dispatch',
  'sla',
  'billing',
  'kb',
  'pm',
  'miniapp',
  'scan',
  'intake',
  'latency',
  'race',
  'parts',
  'lists',
  'kpis',
  'labels',
  'desk',
  'export',
  'scale',
] as const;
export type BenchCase = (typeof BENCH_CASES)[number];

function parseOnly(argv: string[]): Set<BenchCase> | null {
  const at = argv.indexOf('--only');
  if (at < 0) return null;
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(BENCH_CASES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes a comma-separated list of: ${BENCH_CASES.join(', ')}`);
  return new Set(names as BenchCase[]);
}

export function parseMode(argv: string[]): BenchMode {
  const quick = argv.includes('--quick');
  const ticketsAt = argv.indexOf('--tickets');
  const tickets = ticketsAt >= 0 ? Number(argv[ticketsAt + 1]) : quick ? 10_000 : 1_000_000;
  if (!Number.isInteger(tickets) || tickets < 1) throw new Error('--tickets needs a positive whole number');
  const only = parseOnly(argv);
  const mode: Omit<BenchMode, 'only'> = quick
    ? {
        quick,
        tickets,
        warmupSeconds: 0.5,
        loadSeconds: 2.5,
        connections: 50,
        intakeRate: 200,
        latencyRate: 100,
        latencySeconds: 2,
        listSeconds: 1,
        kpiSeconds: 1,
        dispatchEngineers: 5_000,
        dispatchTickets: 5_000,
        dispatchRepeats: 30,
        raceRepeats: 3,
        deskClients: 200,
        deskChanges: 5,
        labelSizes: [1_000, 10_000],
        buildMiniapp: false,
      }
    : {
        quick,
        tickets,
        warmupSeconds: 3,
        loadSeconds: 15,
        connections: 50,
        intakeRate: 200,
        latencyRate: 100,
        latencySeconds: 20,
        listSeconds: 8,
        kpiSeconds: 5,
        dispatchEngineers: 5_000,
        dispatchTickets: 50_000,
        dispatchRepeats: 200,
        raceRepeats: 10,
        deskClients: 200,
        deskChanges: 20,
        labelSizes: [1_000, 10_000],
        buildMiniapp: true,
      };
  return { ...mode, only };
}
