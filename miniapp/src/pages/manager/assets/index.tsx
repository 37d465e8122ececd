import { useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { exportAssets, listAssets, type AssetFilter, type AssetPage, type AssetView, type FileFormat } from '../../../api/asset-registry';
import { saveFile } from '../../../api/console';
import { asApiError, showError } from '../../../api/errors';
import { listSites } from '../../../api/sites';
import { PageState } from '../../../components/PageState';
import { fmt, tc, useLang } from '../../../i18n/console';
import { clearSelection, selectAssets, unselectAssets, useSelection, type SelectedAsset } from '../../../lib/console-selection';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell } from '../components/ConsoleShell';
import { Pager } from '../components/Pager';
import { AssetFilters } from './components/AssetFilters';
import { AssetTable } from './components/AssetTable';

function initialFilter(params: Record<string, string | undefined>): AssetFilter {
  const siteId = Number(params.siteId);
  return Number.isInteger(siteId) && siteId > 0 ? { siteId } : {};
}

/** The asset register: search, filters, pages, a selection for labels, export of what the filters show. */
export function ConsoleAssetsPage() {
  useLang();
  const { params } = useRouter();
  const [filter, setFilter] = useState<AssetFilter>(() => initialFilter(params));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [exporting, setExporting] = useState<FileFormat | null>(null);
  const categories = useRef(new Set<string>());
  const selection = useSelection();
  const selected = useMemo(() => new Set(selection.map((a) => a.code)), [selection]);

  const sites = useLoader(listSites, []);
  const assets = useLoader<AssetPage>(async () => {
    const res = await listAssets(filter, page, pageSize);
    res.items.forEach((a) => a.category && categories.current.add(a.category));
    return res;
  }, [filter, page, pageSize]);
  const siteNames = useMemo(() => new Map((sites.data ?? []).map((s) => [s.id, s.name])), [sites.data]);

  // Back from an asset's page or form: it may have been edited or deleted.
  useDidShow(() => {
    if (assets.data) void assets.reload();
  });

  const changeFilter = (next: AssetFilter) => {
    setFilter(next);
    setPage(1);
  };
  const onSelect = (list: SelectedAsset[], on: boolean) => (on ? selectAssets(list) : unselectAssets(list.map((a) => a.code)));
  const open = (asset: AssetView) => void Taro.navigateTo({ url: routes.consoleAsset(asset.id) });

  const runExport = async (format: FileFormat) => {
    if (exporting) return;
    setExporting(format);
    try {
      saveFile(await exportAssets(filter, format));
    } catch (caught) {
      showError(asApiError(caught));
    } finally {
      setExporting(null);
    }
  };

  const actions = (
    <>
      <Button
        id="asset-new"
        type="primary"
        size="small"
        onClick={() => void Taro.navigateTo({ url: routes.consoleAssetNew(filter.siteId) })}
      >
        {tc('newAsset')}
      </Button>
      <Button id="export-csv" size="small" loading={exporting === 'csv'} onClick={() => void runExport('csv')}>
        {tc('exportCsv')}
      </Button>
      <Button id="export-xlsx" size="small" loading={exporting === 'xlsx'} onClick={() => void runExport('xlsx')}>
        {tc('exportXlsx')}
      </Button>
    </>
  );

  return (
    <ConsoleShell section="assets" title={tc('navAssets')} actions={actions}>
      <View className="panel">
        <AssetFilters value={filter} sites={sites.data ?? []} categories={[...categories.current].sort()} onChange={changeFilter} />
        {sites.error ? <View className="notice notice--error">{sites.error.message}</View> : null}
        {selection.length > 0 ? (
          <View className="notice selection-bar" id="selection-bar">
            <Text id="selection-count" data-count={String(selection.length)}>
              {fmt(tc('selectedCount'), { count: selection.length })}
            </Text>
            <Button id="print-selection" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: routes.consoleLabels })}>
              {tc('printSelected')}
            </Button>
            <Button id="clear-selection" size="small" fill="none" onClick={clearSelection}>
              {tc('clearSelection')}
            </Button>
          </View>
        ) : null}
        <PageState
          loading={assets.loading}
          error={assets.error}
          data={assets.data}
          onRetry={() => void assets.reload()}
          isEmpty={(data) => data.total === 0}
          emptyText={Object.values(filter).some((v) => v !== undefined) ? tc('noMatches') : tc('noAssetsYet')}
        >
          {(data) => (
            <View id="asset-list" data-total={String(data.total)} data-loading={assets.loading ? 'true' : 'false'}>
              {assets.error ? <View className="notice notice--error">{assets.error.message}</View> : null}
              <AssetTable items={data.items} siteNames={siteNames} selected={selected} onSelect={onSelect} onOpen={open} />
              <Pager
                id="asset-pager"
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onPage={setPage}
                onPageSize={(size) => {
                  setPageSize(size);
                  setPage(1);
                }}
              />
            </View>
          )}
        </PageState>
      </View>
    </ConsoleShell>
  );
}

export default ConsoleAssetsPage;
