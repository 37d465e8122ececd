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
  dispatchEngineers: number;
  dispatchTickets: number;
  dispatchRepeats: number;
  raceRepeats: number;
  labelSizes: number[];
  /** Build the miniapp when dist/ is missing (the full run does; --quick marks the rows "not built"). */
  buildMiniapp: boolean;
}

export function parseMode(argv: string[]): BenchMode {
  const quick = argv.includes('--quick');
  const ticketsAt = argv.indexOf('--tickets');
  const tickets = ticketsAt >= 0 ? Number(argv[ticketsAt + 1]) : quick ? 10_000 : 1_000_000;
  if (!Number.isInteger(tickets) || tickets < 1) throw new Error('--tickets needs a positive whole number');
  return quick
    ? {
      quick, tickets, warmupSeconds: 0.5, loadSeconds: 2.5, connections: 50, intakeRate: 200, latencyRate: 100, latencySeconds: 2,
      listSeconds: 1, dispatchEngineers: 5_000, dispatchTickets: 5_000, dispatchRepeats: 30, raceRepeats: 3,
      labelSizes: [1_000, 10_000], buildMiniapp: false,
    }
    : {
      quick, tickets, warmupSeconds: 3, loadSeconds: 15, connections: 50, intakeRate: 200, latencyRate: 100, latencySeconds: 20,
      listSeconds: 8, dispatchEngineers: 5_000, dispatchTickets: 50_000, dispatchRepeats: 200, raceRepeats: 10,
      labelSizes: [1_000, 10_000], buildMiniapp: true,
    };
}
