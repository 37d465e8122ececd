import { useEffect, useMemo } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { getPublicAsset, type PublicAssetResponse } from '../../../api/assets';
import { ApiError } from '../../../api/errors';
import { NotFound } from '../../../components/NotFound';
import { PageState } from '../../../components/PageState';
import { LangSwitch } from '../../../components/LangSwitch';
import { t, useLang } from '../../../i18n';
import { codeFromEntry } from '../../../lib/asset-code';
import { cacheAsset } from '../../../lib/asset-cache';
import { dismissLandingShell } from '../../../lib/landing-shell';
import { findMyRequest, rememberRequest } from '../../../lib/my-requests';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { useTitle } from '../../../lib/use-title';
import { AssetInfo } from './components/AssetInfo';
import { OpenTickets } from './components/OpenTickets';
import './index.css';

type OpenTicket = PublicAssetResponse['openTickets'][number];

/** The page a printed QR opens: `code`, the link rule's `q`, a wxacode `scene`, or the H5 path /r/<code>. */
export function AssetPage() {
  useLang();
  useTitle('assetTitle');
  const { params } = useRouter();
  const code = useMemo(() => codeFromEntry(params, process.env.TARO_ENV === 'h5' ? window.location.pathname : undefined), [params]);
  const loader = useLoader(async () => {
    if (!code) throw new ApiError('ASSET_NOT_FOUND', t('invalidCode'), 404);
    const res = await getPublicAsset(code);
    cacheAsset(code, res);
    return res;
  }, [code]);

  // The server-drawn shell of /r/<code> stays until this page has drawn the device (or why it cannot).
  useEffect(() => {
    if (!loader.loading) dismissLandingShell();
  }, [loader.loading]);
  useEffect(() => dismissLandingShell, []);

  usePullDownRefresh(() => {
    void loader.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const follow = (ticket: OpenTicket, asset: PublicAssetResponse['asset']) => {
    const mine = findMyRequest(ticket.number);
    // The filer's own link may confirm and rate, so it wins over the read-only follow link.
    if (mine?.trackingToken) return void Taro.navigateTo({ url: routes.track(mine.trackingToken) });
    rememberRequest({
      number: ticket.number,
      trackingToken: ticket.followToken,
      assetCode: asset.code,
      assetName: asset.name,
      createdAt: ticket.createdAt,
      followed: true,
    });
    void Taro.showToast({ title: t('followed'), icon: 'none' });
    void Taro.navigateTo({ url: routes.track(ticket.followToken) });
  };

  return (
    <View className="page asset">
      <View className="row asset__top">
        <View />
        <LangSwitch />
      </View>
      {/* A code no device has is not a network problem: no "retry", a way to type it again or go home. */}
      {loader.error?.code === 'ASSET_NOT_FOUND' || loader.error?.code === 'VALIDATION_FAILED' ? (
        <NotFound what="notFoundAsset" asked={code ?? params.code ?? undefined} />
      ) : (
        <PageState loading={loader.loading} error={loader.error} data={loader.data} onRetry={() => void loader.reload()}>
          {(data) => (
            <View>
              <AssetInfo asset={data.asset} />
              <OpenTickets tickets={data.openTickets} onFollow={(ticket) => follow(ticket, data.asset)} />
              <View className="actions">
                <Button id="report-new" type="primary" block onClick={() => void Taro.navigateTo({ url: routes.report(data.asset.code) })}>
                  {t('reportNew')}
                </Button>
              </View>
            </View>
          )}
        </PageState>
      )}
    </View>
  );
}

export default AssetPage;
