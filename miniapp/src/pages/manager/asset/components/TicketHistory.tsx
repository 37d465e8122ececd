import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { listAssetTickets } from '../../../../api/asset-registry';
import { PageState } from '../../../../components/PageState';
import { StatusTag } from '../../../../components/StatusTag';
import { tc } from '../../../../i18n/console';
import { formatTime } from '../../../../lib/time';
import { useLoader } from '../../../../lib/use-loader';
import { Pager } from '../../components/Pager';

const PAGE_SIZE = 10;

/** Every repair request filed on this asset, newest first. */
export function TicketHistory({ assetId }: { assetId: number }) {
  const [page, setPage] = useState(1);
  const tickets = useLoader(() => listAssetTickets(assetId, page, PAGE_SIZE), [assetId, page]);
  return (
    <View className="panel" id="ticket-history">
      <Text className="panel__title">{tc('ticketHistory')}</Text>
      <PageState
        loading={tickets.loading}
        error={tickets.error}
        data={tickets.data}
        onRetry={() => void tickets.reload()}
        isEmpty={(data) => data.total === 0}
        emptyText={tc('noTickets')}
      >
        {(data) => (
          <View>
            <table className="c-table">
              <thead>
                <tr>
                  <th>{tc('colTicket')}</th>
                  <th>{tc('colStatus')}</th>
                  <th>{tc('colDescription')}</th>
                  <th>{tc('colEngineer')}</th>
                  <th>{tc('colCreated')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((ticket) => (
                  <tr key={ticket.number} className="ticket-row" data-number={ticket.number}>
                    <td className="mono">{ticket.number}</td>
                    <td>
                      <StatusTag status={ticket.status} />
                    </td>
                    <td>{ticket.description}</td>
                    <td>{ticket.engineer?.name ?? <Text className="muted-c">—</Text>}</td>
                    <td>{formatTime(ticket.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager id="ticket-pager" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          </View>
        )}
      </PageState>
    </View>
  );
}
