import { Fragment } from 'react';
import { View, Text } from '@tarojs/components';
import type { AssetDetailResponse } from '../../../../api/asset-registry';
import { tc, type ConsoleKey } from '../../../../i18n/console';
import { WarrantyBadge } from '../../components/WarrantyBadge';

/** Registered fields, then the custom fields an import or the form added. */
export function AssetFacts({ asset, site }: AssetDetailResponse) {
  const rows: [ConsoleKey, string | null][] = [
    ['colCode', asset.code],
    ['colSite', site.name],
    ['colLocation', asset.location],
    ['colCategory', asset.category],
    ['fieldModel', asset.model],
    ['fieldSerial', asset.serial],
    ['fieldExternalId', asset.externalId],
  ];
  const custom = Object.entries(asset.customFields);
  return (
    <View className="panel" id="asset-facts">
      <Text className="panel__title">{tc('assetFacts')}</Text>
      <View className="kv">
        {rows.map(([key, value]) => (
          <Fragment key={key}>
            <Text className="kv__key">{tc(key)}</Text>
            <Text className={key === 'colCode' ? 'mono' : undefined} id={`fact-${key}`}>
              {value ?? '—'}
            </Text>
          </Fragment>
        ))}
        <Text className="kv__key">{tc('colWarranty')}</Text>
        <View>
          <WarrantyBadge until={asset.warrantyUntil} />
        </View>
      </View>
      {custom.length > 0 ? (
        <View className="asset-custom" id="asset-custom-fields">
          <Text className="panel__title">{tc('customFields')}</Text>
          <View className="kv">
            {custom.map(([key, value]) => (
              <Fragment key={key}>
                <Text className="kv__key">{key}</Text>
                <Text>{typeof value === 'boolean' ? tc(value ? 'yes' : 'no') : String(value)}</Text>
              </Fragment>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
