import { EngineerShiftsSchema, WEEKDAYS, type DutyOverride, type EngineerShifts, type Weekday } from '@baoxiu/shared';
import type { ApiError } from '../../../api/errors';
import type { ShiftsBody } from '../../../api/shifts';

/** The shift editor's draft: frames as two "HH:MM" fields each, leave days one per line. */
export interface ShiftDraft {
  usePattern: boolean;
  week: Record<Weekday, Array<{ start: string; end: string }>>;
  leaveDays: string;
  dutyOverride: DutyOverride;
}

/** Field key → message key: "mon.0" (a frame), "leaveDays", "form". */
export type ShiftErrors = Record<string, 'shiftErrFrame' | 'shiftErrLeave' | 'shiftErrForm'>;

const emptyWeek = (): ShiftDraft['week'] => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

export function draftOf(s: EngineerShifts | null): ShiftDraft {
  const week = emptyWeek();
  if (s?.week) for (const d of WEEKDAYS) week[d] = s.week[d].map(([start, end]) => ({ start, end }));
  return { usePattern: Boolean(s?.week), week, leaveDays: (s?.leaveDays ?? []).join('\n'), dutyOverride: s?.dutyOverride ?? 'none' };
}

/** Monday to Friday 09:00–18:00: the first pattern an admin gets when switching shifts on. */
export function officeWeek(): ShiftDraft['week'] {
  const week = emptyWeek();
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) week[d] = [{ start: '09:00', end: '18:00' }];
  return week;
}

/** Issues' paths ("week.mon.0.1", "leaveDays.2") → where the editor shows them. */
function errorsOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): ShiftErrors {
  const out: ShiftErrors = {};
  for (const i of issues) {
    const [head, day, index] = i.path.map(String);
    if (head === 'week' && day && index !== undefined) out[`${day}.${index}`] = 'shiftErrFrame';
    else if (head === 'leaveDays') out.leaveDays = 'shiftErrLeave';
    else out.form = 'shiftErrForm';
  }
  return out;
}

/** The body to PUT, or the errors to show (checked with the server's own schema). */
export function shiftsBody(d: ShiftDraft): { body: ShiftsBody | null; errors: ShiftErrors } {
  const week = emptyWeek();
  for (const day of WEEKDAYS) week[day] = d.week[day].map((f) => ({ start: f.start.trim(), end: f.end.trim() }));
  const body = {
    week: d.usePattern ? Object.fromEntries(WEEKDAYS.map((day) => [day, week[day].map((f) => [f.start, f.end])])) : null,
    leaveDays: d.leaveDays.split(/[\s,，]+/).filter(Boolean),
    dutyOverride: d.dutyOverride,
  };
  const parsed = EngineerShiftsSchema.safeParse(body);
  return parsed.success ? { body: parsed.data, errors: {} } : { body: null, errors: errorsOf(parsed.error.issues) };
}

/** The server's 400 mapped onto the same fields. */
export function serverShiftErrors(error: ApiError): ShiftErrors {
  if (error.code !== 'VALIDATION_FAILED') return {};
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as Array<{ path?: unknown }>) : [];
  return errorsOf(issues.map((i) => ({ path: typeof i.path === 'string' ? i.path.split('.') : [] })));
}
