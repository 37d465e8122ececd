import type { z } from 'zod';
import { AppError } from './errors';

/** Parses input with a shared schema; every issue is reported, not only the first. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
  throw new AppError('VALIDATION_FAILED', { issues });
}
