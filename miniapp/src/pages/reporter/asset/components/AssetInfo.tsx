import { View, Text } from '@tarojs/components';
import { Cell, CellGroup, Tag } from '@nutui/nutui-react-taro';
import type { PublicAsset } from '@baoxiu/shared';
import { t } from '../../../../i18n';

function WarrantyTag({ asset }: { asset: PublicAsset }) {
  if (!asset.warrantyUntil) return <Text className="muted">{t('noWarranty')}</Text>;
  const label = asset.underWarranty ? t('inWarranty') : t('outOfWarranty');
  return (
    <View id="asset-warranty" className="asset__warranty" data-under-warranty={String(asset.underWarranty)}>
      <Tag type={asset.underWarranty ? 'success' : 'default'}>{label}</Tag>
      <Text className="muted">
        {' '}
        {t('warrantyUntil')} {asset.warrantyUntil}
      </Text>
    </View>
  );
}

/** What the scanned device is, where it is, and whether it is under warranty. */
export function AssetInfo({ asset }: { asset: PublicAsset }) {
  return (
    <CellGroup
      title={
        <Text id="asset-name" className="asset__name">
          {asset.name}
        </Text>
      }
    >
      {asset.model ? <Cell title={t('model')} extra={asset.model} /> : null}
      {asset.category ? <Cell title={t('category')} extra={asset.category} /> : null}
      <Cell title={t('site')} extra={<Text id="asset-site">{asset.site}</Text>} />
      {asset.location ? <Cell title={t('location')} extra={asset.location} /> : null}
      <Cell title={t('warranty')} extra={<WarrantyTag asset={asset} />} />
      <Cell
        title={t('assetCode')}
        extra={
          <Text className="muted" id="asset-code">
            {asset.code}
          </Text>
        }
      />
    </CellGroup>
  );
}
