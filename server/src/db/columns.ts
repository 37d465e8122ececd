import { Column, type ColumnOptions } from 'typeorm';

// Millisecond precision on MySQL; SQLite stores the same ISO text. Explicit types: tsx emits no metadata.
export const DateTimeColumn = (options: ColumnOptions = {}) => Column({ ...options, type: 'datetime', precision: 3 });
export const JsonColumn = (options: ColumnOptions = {}) => Column({ ...options, type: 'simple-json' });
