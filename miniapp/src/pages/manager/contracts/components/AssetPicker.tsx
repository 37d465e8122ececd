import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { SiteView } from '@baoxiu/shared';
import { listAssets, type AssetPage, type AssetView } from '../../../../api/asset-registry';
import { asApiError } from '../../../../api/errors';
import { tc } from '../../../../i18n/console';
import { Pager } from '../../components/Pager';
import './AssetPicker.css';

/** The asset a contract is for, as the picker shows it. */
export interface PickedAsset {
  id: number;
  name: string;
  code: string;
  siteId: number;
}

export const pickedAssetOf = (a: AssetView): PickedAsset => ({ id: a.id, name: a.name, code: a.code, siteId: a.siteId });

export const PICKER_PAGE_SIZE = 10;

interface Props {
  value: PickedAsset | null;
  sites: readonly SiteView[];
  onChange: (asset: PickedAsset | null) => void;
}

/**
 * 选择设备: the tenant's assets searched by name or code (GET /api/assets?q, a page at a time), narrowed to a site
 * if one is chosen; each row shows name, code and site, and choosing one sets the contract's asset.
 */
export function AssetPicker({ value, sites, onChange }: Props) {
  const [q, setQ] = useState('');
  const [siteId, setSiteId] = useState('');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<AssetPage | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // The query the shown page answers (typing alone does not search: Enter or the button does).
  const [query, setQuery] = useState<{ q: string; siteId: string }>({ q: '', siteId: '' });
  const siteName = (id: number) => sites.find((s) => s.id === id)?.name ?? `#${id}`;

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError('');
    listAssets({ q: query.q || undefined, siteId: query.siteId ? Number(query.siteId) : undefined }, page, PICKER_PAGE_SIZE)
      .then((r) => live && setResult(r))
      .catch((caught: unknown) => live && setError(asApiError(caught).message))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [query, page]);

  const search = () => {
    setPage(1);
    setQuery({ q: q.trim(), siteId });
  };

  return (
    <View className="asset-picker" id="contract-asset-picker">
      {value ? (
        <View className="asset-picker__chosen" id="contract-asset-chosen" data-id={String(value.id)}>
          <Text className="asset-picker__name">{value.name}</Text>
          <Text className="mono muted-c">{value.code}</Text>
          <Text className="muted-c">{siteName(value.siteId)}</Text>
          <Button id="contract-asset-clear" size="small" fill="none" onClick={() => onChange(null)}>
            {tc('assetPickerChange')}
          </Button>
        </View>
      ) : (
        <>
          <View className="asset-picker__bar">
            <input
              id="contract-asset-search"
              className="c-input"
              value={q}
              maxLength={100}
              placeholder={tc('assetPickerSearch')}
              aria-label={tc('assetPickerSearch')}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') search();
              }}
            />
            <select
              id="contract-asset-site"
              className="c-select"
              aria-label={tc('contractSite')}
              value={siteId}
              onChange={(e) => setSiteId(e.target.value)}
            >
              <option value="">{tc('assetPickerAllSites')}</option>
              {sites.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
            <Button id="contract-asset-find" size="small" loading={busy} onClick={search}>
              {tc('search')}
            </Button>
          </View>
          {error ? (
            <Text className="field__error" id="contract-asset-error">
              {error}
            </Text>
          ) : null}
          {result && result.items.length === 0 ? (
            <Text className="muted-c" id="contract-asset-none">
              {tc('assetPickerNone')}
            </Text>
          ) : null}
          {result && result.items.length > 0 ? (
            <>
              <table className="c-table asset-picker__table" id="contract-asset-results">
                <thead>
                  <tr>
                    <th>{tc('assetPickerName')}</th>
                    <th>{tc('assetPickerCode')}</th>
                    <th>{tc('contractSite')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((a) => (
                    <tr key={a.id} className="asset-pick" data-id={String(a.id)} data-code={a.code}>
                      <td>{a.name}</td>
                      <td className="mono">{a.code}</td>
                      <td>{siteName(a.siteId)}</td>
                      <td>
                        <button type="button" className="c-link asset-pick__choose" onClick={() => onChange(pickedAssetOf(a))}>
                          {tc('assetPickerChoose')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager id="contract-asset-pager" page={result.page} pageSize={result.pageSize} total={result.total} onPage={setPage} />
            </>
          ) : null}
        </>
      )}
    </View>
  );
}
