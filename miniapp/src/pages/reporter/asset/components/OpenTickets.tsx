import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import type { PublicAssetResponse } from '../../../../api/assets';
import { StatusTag } from '../../../../components/StatusTag';
import { t } from '../../../../i18n';
import { formatTime } from '../../../../lib/time';

type OpenTicket = PublicAssetResponse['openTickets'][number];

interface OpenTicketsProps {
  tickets: OpenTicket[];
  onFollow: (ticket: OpenTicket) => void;
}

/** Repairs already open on this device, so a second reporter follows one instead of filing a duplicate. */
export function OpenTickets({ tickets, onFollow }: OpenTicketsProps) {
  if (tickets.length === 0) {
    return (
      <CellGroup title={t('openRequests')}>
        <Cell>
          <Text className="muted" id="no-open-tickets">
            {t('noOpenRequests')}
          </Text>
        </Cell>
      </CellGroup>
    );
  }
  return (
    <CellGroup title={t('openRequests')}>
      {tickets.map((ticket) => (
        <Cell key={ticket.number} className="open-ticket">
          <View className="open-ticket__body">
            <View className="row">
              <Text className="open-ticket__number">{ticket.number}</Text>
              <StatusTag status={ticket.status} />
            </View>
            <Text className="open-ticket__desc">{ticket.description}</Text>
            <View className="row">
              <Text className="muted">{formatTime(ticket.createdAt)}</Text>
              <Button className="open-ticket__follow" size="small" fill="outline" type="primary" onClick={() => onFollow(ticket)}>
                {t('sameProblem')}
              </Button>
            </View>
          </View>
        </Cell>
      ))}
    </CellGroup>
  );
}
