import { Column, type ColumnOptions } from 'typeorm';

// Millisecond precision on MySQL; SQLite stores the same ISO text. Explicit types: tsx emits no metadata.
export const DateTimeColumn = (options: ColumnOptions = {}) => Column({ ...options, type: 'datetime', precision: 3 });
export const JsonColumn = (options: ColumnOptions = {}) => Column({ ...options, type: 'simple-json' });

/** A datetime read raw (getRawMany, MAX(...)): mysql2 gives a Date, SQLite its UTC text 'YYYY-MM-DD HH:MM:SS.sss'. */
export const rawDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? '' : 'Z'}`));
