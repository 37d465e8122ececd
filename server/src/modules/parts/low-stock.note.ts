import type { EntityManager } from 'typeorm';
import { note } from '../../db/commit-listener';

/** Tells the post-commit hook (buildDeps) that a part just crossed into low stock. */
export function noteLowStock(em: EntityManager, tenantId: number, partId: number): void {
  note(em, 'lowStock', `${tenantId}:${partId}`);
}

export function parseLowStockNote(value: string): { tenantId: number; partId: number } {
  const [tenantId, partId] = value.split(':').map(Number);
  return { tenantId, partId };
}
