import { QUOTE_STATUSES, type QuoteStatus } from '@baoxiu/shared';
import type { ConsoleKey } from '../../../i18n/console';

export { QUOTE_STATUSES };

/** A quote version's state as the console names it. */
export const QUOTE_STATE_LABEL: Record<QuoteStatus, ConsoleKey> = {
  pending: 'quoteStatePending',
  accepted: 'quoteStateAccepted',
  rejected: 'quoteStateRejected',
  superseded: 'quoteStateSuperseded',
};
