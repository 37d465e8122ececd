import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { DeskTicketChange } from '@baoxiu/shared';
import {
  exportTickets,
  getDesk,
  listDeskEngineers,
  type DeskFilter,
  type DeskGroup,
  type DeskPage,
  type ExportProgress,
} from '../../../api/desk';
import { saveFile } from '../../../api/console';
import { asApiError, type ApiError } from '../../../api/errors';
import { listSites } from '../../../api/sites';
import { PageState } from '../../../components/PageState';
import { fmt, tc, useLang } from '../../../i18n/console';
import { useDeskLive, type LiveState } from '../../../lib/desk-live';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell } from '../components/ConsoleShell';
import { DeskFilters } from './components/DeskFilters';
import { DeskTable } from './components/DeskTable';
import { countText, DESK_GROUPS, GROUP_LABEL } from './desk';
import './index.css';

const LIVE_TEXT: Record<LiveState, 'liveOn' | 'livePolling' | 'liveConnecting'> = {
  live: 'liveOn',
  polling: 'livePolling',
  connecting: 'liveConnecting',
};

/** The dispatcher's live queue: groups loudest first with counts, filters, keyset "load more", live updates, export. */
export function ConsoleTicketsPage() {
  const lang = useLang();
  const [filter, setFilter] = useState<DeskFilter>({});
  const [group, setGroup] = useState<DeskGroup>('awaiting_dispatcher');
  const [page, setPage] = useState<DeskPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [flashed, setFlashed] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState<{ format: 'csv' | 'xlsx'; progress: ExportProgress | null } | null>(null);
  const [exported, setExported] = useState<number | null>(null);
  const seq = useRef(0);
  const shown = useRef(20);

  const sites = useLoader(listSites, []);
  const engineers = useLoader(listDeskEngineers, []);

  /** Reloads the first page (as many rows as are shown, so "load more" is not undone by a live update). */
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const next = await getDesk(filter, group, undefined, Math.min(100, Math.max(20, shown.current)));
      if (mine !== seq.current) return;
      setPage(next);
      setError(null);
    } catch (caught) {
      if (mine === seq.current) setError(asApiError(caught));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [filter, group]);

  useEffect(() => {
    shown.current = 20;
    void reload();
  }, [reload]);
  useDidShow(() => {
    if (page) void reload();
  });
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // Live: many changes in a burst become one reload.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onChange = useCallback(
    (change: DeskTicketChange) => {
      setFlashed((prev) => new Set([...prev, change.number]));
      setTimeout(
        () =>
          setFlashed((prev) => {
            const next = new Set(prev);
            next.delete(change.number);
            return next;
          }),
        3000,
      );
      if (pending.current) return;
      pending.current = setTimeout(() => {
        pending.current = null;
        void reload();
      }, 250);
    },
    [reload],
  );
  const live = useDeskLive(onChange, () => void reload());

  const loadMore = async () => {
    if (!page?.nextCursor || more) return;
    setMore(true);
    try {
      const next = await getDesk(filter, group, page.nextCursor);
      shown.current = page.items.length + next.items.length;
      setPage({ ...next, items: [...page.items, ...next.items] });
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setMore(false);
    }
  };

  const runExport = async (format: 'csv' | 'xlsx') => {
    if (exporting) return;
    setExporting({ format, progress: null });
    setExported(null);
    try {
      const file = await exportTickets(filter, undefined, format, (progress) => setExporting({ format, progress }));
      saveFile(file);
      setExported(file.rows);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setExporting(null);
    }
  };

  const open = (number: string) => void Taro.navigateTo({ url: routes.consoleTicket(number) });
  const filtered = Object.values(filter).some((v) => v !== undefined);

  const actions = (
    <>
      <Text id="desk-live" className={`desk-live desk-live--${live}`} data-state={live}>
        {tc(LIVE_TEXT[live])}
      </Text>
      <Button id="desk-export-csv" size="small" loading={exporting?.format === 'csv'} onClick={() => void runExport('csv')}>
        {tc('exportCsv')}
      </Button>
      <Button id="desk-export-xlsx" size="small" loading={exporting?.format === 'xlsx'} onClick={() => void runExport('xlsx')}>
        {tc('exportXlsx')}
      </Button>
    </>
  );

  return (
    <ConsoleShell section="tickets" title={tc('deskTitle')} actions={actions}>
      <View className="desk-groups" id="desk-groups" key={lang}>
        {DESK_GROUPS.map((g) => {
          const n = page?.counts[g] ?? 0;
          const loud = g === 'awaiting_dispatcher' && n > 0;
          return (
            <button
              key={g}
              type="button"
              id={`group-${g}`}
              data-count={String(n)}
              aria-pressed={g === group}
              className={`desk-group${g === group ? ' desk-group--active' : ''}${loud ? ' desk-group--loud' : ''}`}
              onClick={() => setGroup(g)}
            >
              <span>{tc(GROUP_LABEL[g])}</span>
              <span className="desk-group__count">{page ? countText(n, page.countCap) : '…'}</span>
            </button>
          );
        })}
      </View>
      <View className="panel">
        <DeskFilters value={filter} sites={sites.data ?? []} engineers={engineers.data ?? []} onChange={setFilter} />
        {exporting?.progress ? (
          <View className="notice desk-export" id="desk-export-progress">
            {fmt(tc('exportProgress'), { rows: exporting.progress.rows, kb: Math.round(exporting.progress.bytes / 1024) })}
          </View>
        ) : null}
        {exported !== null ? (
          <View className="notice notice--ok" id="desk-export-done">
            {fmt(tc('exportDone'), { rows: exported })}
          </View>
        ) : null}
        {error && page ? (
          <View className="notice notice--error" id="desk-error">
            {error.message}
          </View>
        ) : null}
        <PageState
          loading={loading && !page}
          error={page ? null : error}
          data={page}
          onRetry={() => void reload()}
          isEmpty={(data) => data.items.length === 0}
          emptyText={filtered ? tc('deskEmptyFiltered') : tc('deskEmpty')}
        >
          {(data) => (
            <View id="desk-list" data-group={data.group} data-loading={loading ? 'true' : 'false'}>
              <DeskTable items={data.items} now={now} flashed={flashed} onOpen={open} />
              {data.nextCursor ? (
                <View className="desk-more">
                  <Button id="desk-more" size="small" loading={more} onClick={() => void loadMore()}>
                    {tc('loadMore')}
                  </Button>
                </View>
              ) : null}
            </View>
          )}
        </PageState>
      </View>
    </ConsoleShell>
  );
}

export default ConsoleTicketsPage;
