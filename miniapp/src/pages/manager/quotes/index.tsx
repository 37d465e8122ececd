import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { QuoteQueueItem, QuoteStatus } from '@baoxiu/shared';
import { asApiError, showError } from '../../../api/errors';
import { listQuotes } from '../../../api/quotes';
import { PageState } from '../../../components/PageState';
import { tc, useLang } from '../../../i18n/console';
import { money } from '../../../lib/money';
import { routes } from '../../../lib/routes';
import { formatTime } from '../../../lib/time';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell } from '../components/ConsoleShell';
import { QUOTE_STATE_LABEL, QUOTE_STATUSES } from './states';

/** Quotes awaiting the customer's answer (or in another state), newest first, each linking to its ticket. */
export function ConsoleQuotesPage() {
  useLang();
  const [state, setState] = useState<QuoteStatus>('pending');
  const first = useLoader(() => listQuotes(state, null), [state]);
  const [more, setMore] = useState<{ items: QuoteQueueItem[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);

  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await listQuotes(state, cursor);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (caught) {
      showError(asApiError(caught));
    } finally {
      setLoadingMore(false);
    }
  };
  const pickState = (next: QuoteStatus) => {
    setMore(null);
    setState(next);
  };

  return (
    <ConsoleShell section="quotes" title={tc('navQuotes')}>
      <View className="panel">
        <label className="t-field">
          {tc('quoteColState')}
          <select
            id="quotes-state"
            className="c-select"
            value={state}
            onChange={(e) => {
              const next = QUOTE_STATUSES.find((s) => s === e.target.value);
              if (next) pickState(next);
            }}
          >
            {QUOTE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tc(QUOTE_STATE_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <PageState
          loading={first.loading}
          error={first.error}
          data={first.data}
          onRetry={() => void first.reload()}
          isEmpty={(page) => page.items.length === 0}
          emptyText={tc(state === 'pending' ? 'quotesEmpty' : 'quotesEmptyState')}
        >
          {() => (
            <table className="c-table" id="quotes-table">
              <thead>
                <tr>
                  <th>{tc('quoteColTicket')}</th>
                  <th>{tc('quoteColAsset')}</th>
                  <th>{tc('quoteColSite')}</th>
                  <th>{tc('quoteColVersion')}</th>
                  <th>{tc('quoteColTotal')}</th>
                  <th>{tc('quoteColSentAt')}</th>
                  <th>{tc('quoteColSentBy')}</th>
                  <th>{tc('quoteColState')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((q) => (
                  <tr key={`${q.number}-${q.version}`} className="quote-row" data-number={q.number}>
                    <td>
                      <a
                        className="c-link mono"
                        href="#"
                        onClick={(e) => {
                          e.preventDefault();
                          void Taro.navigateTo({ url: routes.consoleTicket(q.number) });
                        }}
                      >
                        {q.number}
                      </a>
                    </td>
                    <td>
                      {q.asset.name} <span className="mono muted-c">{q.asset.code}</span>
                    </td>
                    <td>{q.site.name}</td>
                    <td>v{q.version}</td>
                    <td className="quote-row__total">{money(q.total)}</td>
                    <td>{formatTime(q.sentAt)}</td>
                    <td>{q.sentBy?.name ?? '—'}</td>
                    <td>
                      <span className={`badge${q.state === 'rejected' ? ' badge--error' : ' badge--info'}`}>
                        {tc(QUOTE_STATE_LABEL[q.state])}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </PageState>
        {cursor ? (
          <Button id="quotes-more" size="small" loading={loadingMore} onClick={() => void loadMore()}>
            {tc('quotesMore')}
          </Button>
        ) : null}
      </View>
    </ConsoleShell>
  );
}

export default ConsoleQuotesPage;
