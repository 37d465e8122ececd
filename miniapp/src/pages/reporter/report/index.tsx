import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, NoticeBar } from '@nutui/nutui-react-taro';
import { getPublicAsset } from '../../../api/assets';
import { asApiError, type ApiError } from '../../../api/errors';
import { createTicket } from '../../../api/tickets';
import { beaconKbEvent, sendKbEvent } from '../../../api/kb';
import { phoneFromWechat } from '../../../api/wechat';
import { NotFound } from '../../../components/NotFound';
import { t, useLang } from '../../../i18n';
import { normalizeAssetCode } from '../../../lib/asset-code';
import { cacheAsset, cachedAsset } from '../../../lib/asset-cache';
import { finishDraft, loadDraft, saveDraft, type ReportDraft } from '../../../lib/draft';
import { rememberRequest } from '../../../lib/my-requests';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { useTitle } from '../../../lib/use-title';
import { ensureReporterSession } from '../../../lib/wechat';
import { deviceId } from '../../../lib/device-id';
import { ReportFields } from './components/ReportFields';
import { KbSuggestions } from './components/KbSuggestions';
import { toBody, validateReport, type FieldErrors } from './validate';
import './index.css';

export function ReportPage() {
  useLang();
  useTitle('reportTitle');
  const code = normalizeAssetCode(useRouter().params.code ?? '') ?? '';
  const asset = useLoader(async () => {
    const hit = cachedAsset(code);
    if (hit) return hit;
    const res = await getPublicAsset(code);
    cacheAsset(code, res);
    return res;
  }, [code]);

  const [draft, setDraft] = useState<ReportDraft>(() => loadDraft(code, cachedAsset(code)?.asset.category ?? ''));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pendingPhotos, setPendingPhotos] = useState(0);
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // A ref, not state: a double tap lands before React re-renders the disabled button.
  const inFlight = useRef(false);
  // Knowledge base: what this form showed, and how it ended (resolved, filed anyway, or left: abandoned).
  const device = useRef(deviceId()).current;
  const kb = useRef<{ shown: boolean; lastArticle?: number; ended: boolean }>({ shown: false, ended: false });
  const [resolved, setResolved] = useState(false);
  const kbShown = useCallback(
    (ids: number[]) => {
      kb.current.shown = true;
      ids.forEach((id) => sendKbEvent('suggestion_shown', device, code, id));
    },
    [device, code],
  );
  const kbOpened = useCallback(
    (id: number) => {
      kb.current.lastArticle = id;
      sendKbEvent('article_opened', device, code, id);
    },
    [device, code],
  );
  const kbResolved = (id: number) => {
    kb.current.ended = true;
    sendKbEvent('resolved_click', device, code, id);
    finishDraft(code, draft);
    setResolved(true);
  };
  useEffect(() => {
    const abandon = (leaving: boolean) => {
      if (!kb.current.shown || kb.current.ended) return;
      kb.current.ended = true;
      if (!leaving || !beaconKbEvent('abandoned', device, code, kb.current.lastArticle))
        sendKbEvent('abandoned', device, code, kb.current.lastArticle);
    };
    // H5: closing the tab unmounts nothing; the page-hide beacon still counts the abandonment.
    const onHide = () => abandon(true);
    if (process.env.TARO_ENV === 'h5') window.addEventListener('pagehide', onHide);
    return () => {
      if (process.env.TARO_ENV === 'h5') window.removeEventListener('pagehide', onHide);
      abandon(false);
    };
  }, [device, code]);

  const category = asset.data?.asset.category;
  useEffect(() => {
    if (category) setDraft((d) => (d.category ? d : { ...d, category }));
  }, [category]);
  useEffect(() => saveDraft(code, draft), [code, draft]);

  // Once no photo is failing or uploading, the "wait for photos" error is stale: the replaced photo is fine.
  useEffect(() => {
    if (pendingPhotos === 0) setErrors((e) => (e.photos ? { ...e, photos: undefined } : e));
  }, [pendingPhotos]);

  const change = (patch: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // WeChat's phone-number button: the verified number fills the field (and is kept on the reporter).
  const wechatPhone = async (phoneCode: string) => {
    const session = await ensureReporterSession();
    if (!session) return;
    const phone = await phoneFromWechat(session.token, phoneCode).catch(() => null);
    if (phone) change({ contactPhone: phone });
  };

  const submit = async () => {
    if (inFlight.current) return;
    const body = { ...toBody(code, draft), deviceId: device };
    const fieldErrors = validateReport(body);
    if (pendingPhotos > 0) fieldErrors.photos = t('waitUploads');
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length > 0) return;
    inFlight.current = true;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const reporter = await ensureReporterSession();
      const { ticket } = await createTicket(body, draft.idempotencyKey, reporter?.token);
      if (kb.current.shown && !kb.current.ended) sendKbEvent('submitted_anyway', device, code, kb.current.lastArticle);
      kb.current.ended = true;
      rememberRequest({
        number: ticket.number,
        trackingToken: ticket.trackingToken,
        assetCode: code,
        assetName: asset.data?.asset.name ?? code,
        createdAt: ticket.createdAt,
      });
      finishDraft(code, draft);
      void Taro.redirectTo({ url: routes.success(ticket.number, ticket.trackingToken) });
    } catch (caught) {
      // Everything typed stays (state and storage); the same key is reused on the next tap.
      const error = asApiError(caught);
      setSubmitError(error);
      void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const notFound = asset.error?.code === 'ASSET_NOT_FOUND';
  return (
    <View className="page report">
      {notFound || !code ? (
        <NotFound what="notFoundAsset" asked={code || undefined} />
      ) : resolved ? (
        <View className="kb-resolved" id="kb-resolved-done">
          <Text className="kb-resolved__title">{t('kbResolvedTitle')}</Text>
          <Text className="muted">{t('kbResolvedHint')}</Text>
          <View className="actions">
            <Button id="kb-back" type="primary" block onClick={() => void Taro.redirectTo({ url: routes.asset(code) })}>
              {t('kbBackToAsset')}
            </Button>
          </View>
        </View>
      ) : (
        <View>
          {asset.data ? (
            <Text className="report__asset" id="report-asset">
              {asset.data.asset.name}
            </Text>
          ) : null}
          <ReportFields
            draft={draft}
            errors={errors}
            onChange={change}
            onPendingPhotos={setPendingPhotos}
            onWechatPhone={(c) => void wechatPhone(c)}
            belowDescription={
              <KbSuggestions
                code={code}
                description={draft.description}
                onShown={kbShown}
                onOpened={kbOpened}
                onResolved={kbResolved}
                onStillReport={(id) => {
                  kb.current.lastArticle = id;
                }}
              />
            }
          />
          {submitError ? (
            <View id="submit-error" className="report__error" data-code={submitError.code}>
              <NoticeBar content={`${submitError.message} · ${t('draftKept')}`} wrap />
            </View>
          ) : null}
          <View className="actions">
            <Button id="submit" type="primary" block loading={submitting} onClick={() => void submit()}>
              {submitting ? t('submitting') : t('submit')}
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

export default ReportPage;
