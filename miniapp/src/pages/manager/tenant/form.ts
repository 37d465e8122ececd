import {
  TenantSettingsUpdateSchema,
  type DispatchMode,
  type PublicUrlReach,
  type TenantSettings,
  type TenantSettingsUpdate,
} from '@baoxiu/shared';
import type { AdminKey } from '../../../i18n/admin';

export interface TenantDraft {
  dispatchMode: DispatchMode;
  /** As typed. */
  offerTimeoutSeconds: string;
  timezone: string;
}

export type TenantErrors = Partial<Record<keyof TenantDraft, AdminKey>>;

export function tenantDraftOf(settings: TenantSettings): TenantDraft {
  return { dispatchMode: settings.dispatchMode, offerTimeoutSeconds: String(settings.offerTimeoutSeconds), timezone: settings.timezone };
}

/** The body to PATCH, checked with the server's schema; nothing is sent while a field is wrong. */
export function buildTenantUpdate(draft: TenantDraft): { body: TenantSettingsUpdate | null; errors: TenantErrors } {
  const timeout = draft.offerTimeoutSeconds.trim();
  const candidate = {
    dispatchMode: draft.dispatchMode,
    offerTimeoutSeconds: /^\d+$/.test(timeout) ? Number(timeout) : Number.NaN,
    timezone: draft.timezone.trim(),
  };
  const parsed = TenantSettingsUpdateSchema.safeParse(candidate);
  if (parsed.success) return { body: parsed.data, errors: {} };
  const errors: TenantErrors = {};
  for (const issue of parsed.error.issues) {
    if (issue.path[0] === 'offerTimeoutSeconds') errors.offerTimeoutSeconds = 'tenantBadTimeout';
    if (issue.path[0] === 'timezone') errors.timezone = 'tenantBadTimezone';
  }
  return { body: null, errors };
}

/** The warning (or reassurance) shown for the origin printed on labels; a loopback one is an error. */
export const REACH_NOTICE: Record<PublicUrlReach, { text: AdminKey; className: string }> = {
  loopback: { text: 'tenantUrlLoopback', className: 'notice notice--error' },
  invalid: { text: 'tenantUrlInvalid', className: 'notice notice--error' },
  private: { text: 'tenantUrlPrivate', className: 'notice' },
  public: { text: 'tenantUrlOk', className: 'notice notice--ok' },
};

/** A few zones to pick from; any other IANA name can be typed. */
export const COMMON_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Bangkok',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Australia/Sydney',
  'UTC',
];
