import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { deleteAsset, getAsset } from '../../../api/asset-registry';
import { ApiError, asApiError, showError } from '../../../api/errors';
import { PageState } from '../../../components/PageState';
import { tc, useLang } from '../../../i18n/console';
import { unselectAssets } from '../../../lib/console-selection';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, goBackOr } from '../components/ConsoleShell';
import { AssetFacts } from './components/AssetFacts';
import { AssetQr } from './components/AssetQr';
import { TicketHistory } from './components/TicketHistory';
import './index.css';

/** One asset: its fields, its QR (the one printed on its label), its repair history; edit, reprint, delete. */
export function ConsoleAssetPage() {
  useLang();
  const id = Number(useRouter().params.id);
  const valid = Number.isInteger(id) && id > 0;
  const detail = useLoader(async () => {
    if (!valid) throw new ApiError('ASSET_NOT_FOUND', tc('assetNotFound'), 404);
    return getAsset(id);
  }, [id]);

  useDidShow(() => {
    if (detail.data) void detail.reload();
  });

  const remove = async () => {
    const asset = detail.data?.asset;
    if (!asset) return;
    const { confirm } = await Taro.showModal({ title: tc('deleteAsset'), content: `${tc('deleteAssetConfirm')} ${asset.name}` });
    if (!confirm) return;
    try {
      await deleteAsset(asset.id);
      unselectAssets([asset.code]);
      void Taro.showToast({ title: tc('deleted'), icon: 'success' });
      goBackOr(routes.consoleAssets);
    } catch (caught) {
      showError(asApiError(caught));
    }
  };

  const asset = detail.data?.asset;
  const actions = asset ? (
    <>
      <Button id="asset-edit" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: routes.consoleAssetEdit(asset.id) })}>
        {tc('edit')}
      </Button>
      <Button id="asset-reprint" size="small" onClick={() => void Taro.navigateTo({ url: routes.consoleLabelsFor(asset.code) })}>
        {tc('reprintLabel')}
      </Button>
      <Button id="asset-delete" size="small" className="c-btn-danger" onClick={() => void remove()}>
        {tc('delete')}
      </Button>
    </>
  ) : null;

  return (
    <ConsoleShell section="assets" title={asset?.name ?? tc('assetDetail')} actions={actions}>
      <PageState loading={detail.loading} error={detail.error} data={detail.data} onRetry={() => void detail.reload()}>
        {(data) => (
          <View>
            <View className="asset-detail__top">
              <AssetFacts asset={data.asset} site={data.site} />
              <View className="panel asset-detail__qr">
                <AssetQr assetId={data.asset.id} url={data.asset.url} />
              </View>
            </View>
            <TicketHistory assetId={data.asset.id} />
          </View>
        )}
      </PageState>
    </ConsoleShell>
  );
}

export default ConsoleAssetPage;
