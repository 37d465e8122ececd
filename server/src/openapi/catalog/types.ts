import type { z } from 'zod';
import type { Permission } from '../../modules/auth/auth.policy';

/**
 * Who may call a route: anyone; a reporter signed in with WeChat; the platform operator (OPERATOR_TOKEN); the
 * Prometheus scraper (METRICS_TOKEN); or a staff member (or an integration key) holding the permission.
 */
export type Access = 'public' | 'reporter' | 'operator' | 'metrics' | Permission;

export interface Reply {
  status: number;
  description: string;
  /** The JSON body (a shared zod schema); absent with `media` for files and streams, or for an empty answer. */
  schema?: z.ZodType;
  /** A non-JSON answer: `text/csv`, `application/pdf`, `text/event-stream`… */
  media?: string | string[];
}

export interface RouteDoc {
  summary: string;
  tag: Tag;
  access: Access;
  description?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A multipart upload instead of a JSON body: the file field's name. */
  file?: string;
  /** Headers the route reads (e.g. Idempotency-Key). */
  headers?: Array<{ name: string; required: boolean; description: string }>;
  replies: Reply[];
}

export const TAGS = {
  ops: 'Health and metrics',
  auth: 'Sign-in and sessions',
  reporter: 'Reporter (no account): assets, repairs, tracking',
  'reporter-session': 'Reporter signed in with WeChat',
  jobs: "Engineer's jobs",
  desk: "Dispatcher's desk and tickets",
  assets: 'Assets, sites and labels',
  staff: 'Engineers and staff accounts',
  settings: 'Tenant settings, WeChat and SLA',
  reports: 'KPIs',
  kb: 'Knowledge base and self-service',
  pm: 'Preventive maintenance',
  parts: 'Parts, stock, contracts and quotes',
  billing: 'Plans, subscription and invoices',
  operator: 'Platform operator',
} as const;
export type Tag = keyof typeof TAGS;

/** `METHOD /path/:param` (the key the role and tenant matrices use) → its documentation. */
export type Catalog = Record<string, RouteDoc>;

export const ok = (schema: z.ZodType, description = 'OK'): Reply => ({ status: 200, description, schema });
export const created = (schema: z.ZodType, description = 'Created'): Reply => ({ status: 201, description, schema });
export const noContent: Reply = { status: 204, description: 'Done; no body' };
export const file = (media: string | string[], description: string): Reply => ({ status: 200, description, media });
