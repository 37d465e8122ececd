import { Text } from '@tarojs/components';
import type { WarrantyState } from '../../../api/asset-registry';
import { tc } from '../../../i18n/console';

/** The same split as the server's warranty filter: active through its last day, counted in UTC days. */
export function warrantyState(until: string | null): WarrantyState {
  if (!until) return 'none';
  return until >= new Date().toISOString().slice(0, 10) ? 'active' : 'expired';
}

const LOOK: Record<WarrantyState, string> = { active: 'badge badge--ok', expired: 'badge badge--warn', none: 'badge' };
const LABEL = { active: 'warrantyActive', expired: 'warrantyExpired', none: 'warrantyNone' } as const;

export function WarrantyBadge({ until }: { until: string | null }) {
  const state = warrantyState(until);
  return (
    <Text className={LOOK[state]} data-warranty={state}>
      {tc(LABEL[state])}
      {until ? ` · ${until}` : ''}
    </Text>
  );
}
