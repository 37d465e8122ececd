import { StaffCreateSchema, StaffUpdateSchema, type Role, type StaffView } from '@baoxiu/shared';
import type { StaffBody, StaffChanges } from '../../../api/staff';
import type { ApiError } from '../../../api/errors';
import { ta, type AdminKey } from '../../../i18n/admin';

/** The form as typed: strings and ticks, so nothing is reshaped while the admin edits. */
export interface StaffDraft {
  role: Role;
  username: string;
  name: string;
  password: string;
  phone: string;
  /** Comma- or 、-separated, as typed. */
  skills: string;
  siteIds: number[];
  onDuty: boolean;
}

export type StaffField = Exclude<keyof StaffDraft, 'onDuty'>;
export type StaffErrors = Partial<Record<StaffField, string>>;

export function emptyStaffDraft(role: Role = 'engineer'): StaffDraft {
  return { role, username: '', name: '', password: '', phone: '', skills: '', siteIds: [], onDuty: true };
}

export function draftOfStaff(staff: StaffView): StaffDraft {
  return {
    role: staff.role,
    username: staff.username,
    name: staff.name,
    password: '',
    phone: staff.phone ?? '',
    skills: staff.skills.join(', '),
    siteIds: [...staff.siteIds],
    onDuty: staff.onDuty,
  };
}

export function splitSkills(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

const MESSAGE: Record<StaffField, AdminKey> = {
  role: 'staffFieldRole',
  username: 'staffNeedUsername',
  name: 'staffNeedName',
  password: 'staffNeedPassword',
  phone: 'staffBadPhone',
  skills: 'staffTooManySkills',
  siteIds: 'staffFieldSites',
};

function errorsOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): StaffErrors {
  const errors: StaffErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0]) as StaffField;
    if (field in MESSAGE) errors[field] ??= ta(MESSAGE[field]);
  }
  return errors;
}

/** Skills, sites and duty are an engineer's: other roles are sent without them. */
function profileOf(draft: StaffDraft) {
  return draft.role === 'engineer'
    ? { skills: splitSkills(draft.skills), siteIds: draft.siteIds, onDuty: draft.onDuty }
    : { skills: [], siteIds: [], onDuty: draft.onDuty };
}

/** Checked with the server's own schema, so the form refuses what the server would. */
export function buildCreate(draft: StaffDraft): { body: StaffBody | null; errors: StaffErrors } {
  const body: StaffBody = {
    role: draft.role,
    username: draft.username.trim(),
    name: draft.name.trim(),
    password: draft.password,
    phone: draft.phone.trim() || null,
    ...profileOf(draft),
  };
  const parsed = StaffCreateSchema.safeParse(body);
  return parsed.success ? { body, errors: {} } : { body: null, errors: errorsOf(parsed.error.issues) };
}

export function buildUpdate(draft: StaffDraft): { body: StaffChanges | null; errors: StaffErrors } {
  const body: StaffChanges = { role: draft.role, name: draft.name.trim(), phone: draft.phone.trim() || null, ...profileOf(draft) };
  const parsed = StaffUpdateSchema.safeParse(body);
  return parsed.success ? { body, errors: {} } : { body: null, errors: errorsOf(parsed.error.issues) };
}

/** Where the server's refusal belongs: a taken username under the username, field issues under their fields. */
export function serverStaffErrors(error: ApiError): StaffErrors {
  if (error.code === 'USERNAME_TAKEN') return { username: error.message };
  if (error.code === 'SITE_NOT_FOUND') return { siteIds: error.message };
  if (error.code !== 'VALIDATION_FAILED') return {};
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as Array<{ path?: unknown }>) : [];
  return errorsOf(issues.map((i) => ({ path: typeof i.path === 'string' ? i.path.split('.') : [] })));
}

export interface StaffFilter {
  role: Role | '';
  q: string;
  showDisabled: boolean;
}

export function filterStaffList(items: readonly StaffView[], filter: StaffFilter): StaffView[] {
  const q = filter.q.trim().toLowerCase();
  return items.filter(
    (s) =>
      (filter.showDisabled || s.active) &&
      (!filter.role || s.role === filter.role) &&
      (!q || s.name.toLowerCase().includes(q) || s.username.toLowerCase().includes(q) || (s.phone ?? '').includes(q)),
  );
}
