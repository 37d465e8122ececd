import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { TICKET_STATUSES, type TicketStatus } from '@baoxiu/shared';
import { listPmOverdue } from '../../../../api/pm';
import { PageState } from '../../../../components/PageState';
import { StatusTag } from '../../../../components/StatusTag';
import { fmt, tc } from '../../../../i18n/console';
import { routes } from '../../../../lib/routes';
import { useLoader } from '../../../../lib/use-loader';
import { openSection } from '../../components/ConsoleShell';
import { Pager } from '../../components/Pager';

const PAGE_SIZE = 20;

const isStatus = (s: string | null): s is TicketStatus => s !== null && (TICKET_STATUSES as readonly string[]).includes(s);

/** Overdue PM (GET /api/pm/overdue): visits past due and not done, oldest first, a page at a time. */
export function PmOverdue() {
  const [page, setPage] = useState(1);
  const overdue = useLoader(() => listPmOverdue(page, PAGE_SIZE), [page]);
  return (
    <View className="panel" id="pm-overdue-panel">
      <Text className="panel__title">
        {tc('pmOverdueList')}
        {overdue.data ? ` (${overdue.data.total})` : ''}
      </Text>
      <PageState
        loading={overdue.loading}
        error={overdue.error}
        data={overdue.data}
        onRetry={() => void overdue.reload()}
        isEmpty={(d) => d.total === 0}
        emptyText={tc('pmOverdueEmpty')}
      >
        {(d) => (
          <View>
            <table className="c-table" id="pm-overdue-list">
              <thead>
                <tr>
                  <th>{tc('pmDueOn')}</th>
                  <th>{tc('pmName')}</th>
                  <th>{tc('pmAsset')}</th>
                  <th>{tc('siteName')}</th>
                  <th>{tc('pmTicket')}</th>
                  <th>{tc('pmStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((o) => (
                  <tr key={`${o.planId}-${o.assetId}-${o.dueOn}`} className="pm-overdue-row" data-due={o.dueOn}>
                    <td>
                      {o.dueOn} <Text className="pm-overdue__days">{fmt(tc('pmDaysOverdue'), { days: o.daysOverdue })}</Text>
                      {o.late ? <Text className="pm-overdue__late"> · {tc('pmGeneratedLate')}</Text> : null}
                    </td>
                    <td>{o.planName}</td>
                    <td>
                      {o.assetName} <Text className="muted-c">{o.assetCode}</Text>
                    </td>
                    <td>{o.site}</td>
                    <td>
                      {o.ticketNumber ? (
                        <Button size="small" fill="none" onClick={() => openSection(routes.consoleTicket(o.ticketNumber as string))}>
                          {o.ticketNumber}
                        </Button>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{isStatus(o.status) ? <StatusTag status={o.status} /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager id="pm-overdue-pager" page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} />
          </View>
        )}
      </PageState>
    </View>
  );
}
