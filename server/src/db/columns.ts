import { Column, type ColumnOptions } from 'typeorm';

// Millisecond precision on MySQL; SQLite stores the same ISO text. Explicit types: tsx emits no metadata.
export const DateTimeColumn = (options: ColumnOptions = {}) => Column({ ...options, type: 'datetime', precision: 3 });
export const JsonColumn = (options: ColumnOptions = {}) => Column({ ...options, type: 'simple-json' });

/** DATETIME(3) text as both drivers store and compare it (UTC), for times passed as raw-SQL parameters. */
export function sqlTime(at: Date): string {
  return at.toISOString().replace('T', ' ').slice(0, 23);
}

/** `?, ?, ?` — one bound-parameter placeholder per item, for `IN (…)` lists and VALUES tuples in raw SQL. */
export function placeholders(items: readonly unknown[]): string {
  return items.map(() => '?').join(', ');
}
