/** The bench table: one row per QUALITY.md bar (plus list rows at scale), printed, saved as JSON and in docs. */
import fs from 'node:fs';
import path from 'node:path';
import type { MachineFacts } from './setup';
import type { BenchMode } from './options';

export type Verdict = 'pass' | 'fail' | 'n/a' | 'not implemented yet' | 'not built' | 'error' | 'skipped';

export interface Row {
  /** QUALITY.md's path, or "extra" rows of ours. */
  path: string;
  measured: string;
  baseline: string;
  /** path / baseline, when there is a baseline. */
  ratio: number | null;
  bar: string;
  verdict: Verdict;
  note?: string;
  /** Raw figures for latest.json. */
  data?: Record<string, unknown>;
}

export const ms = (x: number) => (x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(x >= 10 ? 1 : 2)} ms`);
export const num = (x: number) => Math.round(x).toLocaleString('en');
export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** p-th percentile of samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const COLUMNS = ['path', 'measured', 'baseline (same run)', 'ratio', 'bar', 'result'] as const;

function cells(r: Row): string[] {
  return [r.path, r.measured, r.baseline, pct(r.ratio), r.bar, r.verdict + (r.note ? ` — ${r.note}` : '')];
}

/** Plain-text table for the terminal. */
export function textTable(rows: Row[]): string {
  const all = [Array.from(COLUMNS), ...rows.map(cells)];
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = COLUMNS.map((_, i) => Math.min(70, Math.max(...all.map((r) => width(r[i])))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(Math.max(0, widths[i] - width(c)))).join(' | ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('-+-'), ...all.slice(1).map(line)].join('\n');
}

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}

export interface BenchReport {
  command: string;
  mode: BenchMode;
  machine: MachineFacts;
  stack: 'mysql+redis' | 'mysql' | 'sqlite+redis' | 'sqlite';
  seconds: number;
  /** 1-minute load average over the run (2 cores shared with other engineers' builds and tests). */
  load: { min: number; mean: number; max: number; samples: number };
  rows: Row[];
}

export function writeJson(file: string, report: BenchReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

/** Replaces the generated part of docs/benchmarks.md; the analysis written around it stays. */
export function writeDocs(file: string, report: BenchReport): void {
  const m = report.machine;
  const generated = [
    BEGIN,
    '',
    `Command: \`${report.command}\` — stack: ${report.stack}, ${report.mode.tickets.toLocaleString('en')} seeded tickets, ` +
      `${report.mode.connections} connections, ${report.mode.loadSeconds} s per load run after ${report.mode.warmupSeconds} s warm-up; ` +
      `took ${Math.round(report.seconds)} s.`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM; Node ${m.node}; ${m.database}; Redis: ${m.redis}; ` +
      `${m.date}. 1-minute load average during the run: min ${report.load.min}, mean ${report.load.mean}, ` +
      `max ${report.load.max} on ${m.cpus} cores (the machine was shared with other engineers' builds and test suites).`,
    '',
    markdownTable(report.rows),
    '',
    END,
  ].join('\n');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = current.indexOf(BEGIN);
  const stop = current.indexOf(END);
  const next =
    start >= 0 && stop > start ? current.slice(0, start) + generated + current.slice(stop + END.length) : `# Benchmarks\n\n${generated}\n`;
  fs.writeFileSync(file, next);
}
