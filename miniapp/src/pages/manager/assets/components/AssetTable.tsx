import { Text } from '@tarojs/components';
import type { AssetView } from '../../../../api/asset-registry';
import { tc } from '../../../../i18n/console';
import type { SelectedAsset } from '../../../../lib/console-selection';
import { WarrantyBadge } from '../../components/WarrantyBadge';

interface AssetTableProps {
  items: AssetView[];
  siteNames: Map<number, string>;
  selected: ReadonlySet<string>;
  onSelect: (assets: SelectedAsset[], on: boolean) => void;
  onOpen: (asset: AssetView) => void;
}

const pick = (a: AssetView): SelectedAsset => ({ id: a.id, code: a.code, name: a.name });

/** One page of assets; the checkboxes add to a selection that spans pages and filters. */
export function AssetTable({ items, siteNames, selected, onSelect, onOpen }: AssetTableProps) {
  const allOnPage = items.length > 0 && items.every((a) => selected.has(a.code));
  return (
    <table className="c-table" id="asset-table">
      <thead>
        <tr>
          <th className="c-table__check">
            <input
              id="select-page"
              type="checkbox"
              aria-label={tc('selectPage')}
              checked={allOnPage}
              onChange={(e) => onSelect(items.map(pick), e.target.checked)}
            />
          </th>
          <th>{tc('colName')}</th>
          <th>{tc('colCode')}</th>
          <th>{tc('colSite')}</th>
          <th>{tc('colLocation')}</th>
          <th>{tc('colCategory')}</th>
          <th>{tc('colModelSerial')}</th>
          <th>{tc('colWarranty')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((asset) => (
          <tr key={asset.id} className="asset-row" data-code={asset.code} data-id={String(asset.id)}>
            <td className="c-table__check">
              <input
                className="asset-row__check"
                type="checkbox"
                aria-label={asset.name}
                checked={selected.has(asset.code)}
                onChange={(e) => onSelect([pick(asset)], e.target.checked)}
              />
            </td>
            <td>
              <Text className="c-link asset-row__name" onClick={() => onOpen(asset)}>
                {asset.name}
              </Text>
            </td>
            <td className="mono">{asset.code}</td>
            <td>{siteNames.get(asset.siteId) ?? `#${asset.siteId}`}</td>
            <td>{asset.location ?? <Text className="muted-c">—</Text>}</td>
            <td>{asset.category ?? <Text className="muted-c">—</Text>}</td>
            <td>{[asset.model, asset.serial].filter(Boolean).join(' · ') || <Text className="muted-c">—</Text>}</td>
            <td>
              <WarrantyBadge until={asset.warrantyUntil} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
