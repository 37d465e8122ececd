import { PlanDocumentSchema, type PlanDocument, type PlanDocumentInput } from '@baoxiu/shared';

/** Test plans built through the real schema, so defaults and validation apply as in production. */
export const plan = (doc: Partial<PlanDocumentInput> & Pick<PlanDocumentInput, 'charges'>): PlanDocument =>
  PlanDocumentSchema.parse({ code: 'test-plan', name: 'Test', period: 'month', ...doc });

export const NO_USAGE = { seats: 0, tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 };

/** The ticket-volume tiers: fewer than 100 → 100, 100–500 → 200, more than 500 → 350. */
export const TICKET_TIERS = [
  { upTo: 99, unitAmount: 0, flatAmount: 10000 },
  { upTo: 500, flatAmount: 20000 },
  { upTo: null, flatAmount: 35000 },
];
