import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { OPEN_STATUSES } from '@baoxiu/shared';
import { asApiError } from '../../../../api/errors';
import { urgeTicket, type TrackedTicket } from '../../../../api/tickets';
import { t } from '../../../../i18n';
import { formatTime } from '../../../../lib/time';

/** The server's rule (30 minutes per ticket); the page only uses it to say when the next urge is possible. */
const URGE_INTERVAL_MS = 30 * 60 * 1000;

/** 催单: while the request is open, a polite nudge to the dispatcher, at most every 30 minutes. */
export function UrgeButton({ token, ticket, onUpdated }: { token: string; ticket: TrackedTicket; onUpdated: (t: TrackedTicket) => void }) {
  const [busy, setBusy] = useState(false);
  if (!OPEN_STATUSES.includes(ticket.status)) return null;
  const nextAt = ticket.urgedAt ? new Date(Date.parse(ticket.urgedAt) + URGE_INTERVAL_MS) : null;
  const waiting = nextAt !== null && nextAt.getTime() > Date.now();
  const urge = async () => {
    setBusy(true);
    try {
      onUpdated((await urgeTicket(token)).ticket);
    } catch (caught) {
      asApiError(caught); // the request wrapper showed the message (e.g. already urged)
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="urge" id="urge">
      <Button id="urge-button" block fill="outline" type="warning" loading={busy} disabled={waiting} onClick={() => void urge()}>
        {waiting ? t('urged') : t('urge')}
      </Button>
      <Text className="urge__hint" id="urge-hint">
        {waiting && nextAt ? t('urgeAgainAt').replace('{time}', formatTime(nextAt.toISOString())) : t('urgeHint')}
      </Text>
    </View>
  );
}
