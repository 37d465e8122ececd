import type { EntityManager } from 'typeorm';
import { note } from '../../db/commit-listener';
import type { OutboxJob } from '../../queue/jobs';

/** Tells the post-commit hook (buildDeps) that a part just crossed into low stock. */
export function noteLowStock(em: EntityManager, tenantId: number, partId: number): void {
  note(em, 'lowStock', `${tenantId}:${partId}`);
}

export function parseLowStockNote(value: string): { tenantId: number; partId: number } {
  const [tenantId, partId] = value.split(':').map(Number);
  return { tenantId, partId };
}

export const LOW_STOCK_ALERT_JOB = 'parts.lowStockAlert';

/** This module's jobs, name → payload (merged into JobPayloads in src/jobs.ts; the handler is in parts-api). */
export type PartsJobPayloads = {
  [LOW_STOCK_ALERT_JOB]: { alertId: number };
};

/**
 * One WeChat fan-out per crossing (a stock_low_alerts row), written to the outbox in the crossing's own
 * transaction: the message job exists exactly when the alert does.
 */
export function lowStockAlertJob(alertId: number): OutboxJob<typeof LOW_STOCK_ALERT_JOB> {
  return { name: LOW_STOCK_ALERT_JOB, jobId: `low-stock-${alertId}`, payload: { alertId }, background: true };
}
