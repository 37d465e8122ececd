import type { Role } from '@baoxiu/shared';

/** Who may call what, as data the role matrix test reads. */
export const ROLE_GRANTS = {
  'jobs:work': ['engineer'],
  'tickets:read': ['dispatcher', 'admin'],
  'tickets:dispatch': ['dispatcher', 'admin'],
  'assets:read': ['dispatcher', 'admin'],
  'assets:write': ['dispatcher', 'admin'],
  'engineers:read': ['dispatcher', 'admin'],
  'engineers:write': ['admin'],
  /** An engineer's shifts: the desk reads anyone's, an engineer their own (checked in the handler). */
  'shifts:read': ['engineer', 'dispatcher', 'admin'],
  'settings:read': ['dispatcher', 'admin'],
  'settings:write': ['admin'],
  'staff:invite': ['admin'],
  'staff:manage': ['admin'],
  'wechat:self': ['engineer', 'dispatcher', 'admin'],
  'reports:read': ['dispatcher', 'admin'],
  'session:self': ['engineer', 'dispatcher', 'admin'],
  'billing:read': ['admin'],
  'billing:write': ['admin'],
  /** Knowledge base: engineers read published articles (internal too) and draft from their fixes; the desk writes. */
  'kb:read': ['engineer', 'dispatcher', 'admin'],
  'kb:draft': ['engineer', 'dispatcher', 'admin'],
  'kb:write': ['dispatcher', 'admin'],
  'pm:read': ['engineer', 'dispatcher', 'admin'],
  'pm:write': ['dispatcher', 'admin'],
  'parts:read': ['engineer', 'dispatcher', 'admin'],
  'parts:write': ['dispatcher', 'admin'],
  'stock:write': ['dispatcher', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ROLE_GRANTS;

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_GRANTS[permission] as readonly Role[]).includes(role);
}
