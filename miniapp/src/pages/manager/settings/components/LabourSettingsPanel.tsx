import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { asApiError } from '../../../../api/errors';
import { getLabourSettings, putLabourSettings } from '../../../../api/quotes';
import { tc } from '../../../../i18n/console';
import { fenOf, yuanOf } from '../../../../lib/money';
import { useLoader } from '../../../../lib/use-loader';

/** 工时与报价: the labour rate, the call-out fee a quote starts from, and the quote and signature rules for chargeable work. */
export function LabourSettingsPanel({ canEdit }: { canEdit: boolean }) {
  const loaded = useLoader(getLabourSettings, []);
  const [rate, setRate] = useState('');
  const [callout, setCallout] = useState('');
  const [quoteRequired, setQuoteRequired] = useState(false);
  const [signatureRequired, setSignatureRequired] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setRate(yuanOf(loaded.data.labourRatePerHour));
    setCallout(yuanOf(loaded.data.calloutFee));
    setQuoteRequired(loaded.data.quoteRequired);
    setSignatureRequired(loaded.data.signatureRequired);
  }, [loaded.data]);

  const save = async () => {
    const labourRatePerHour = fenOf(rate);
    const calloutFee = fenOf(callout);
    if (labourRatePerHour === null || calloutFee === null) return setMessage({ ok: false, text: tc('labourInvalid') });
    setBusy(true);
    setMessage(null);
    try {
      await putLabourSettings({ labourRatePerHour, calloutFee, quoteRequired, signatureRequired });
      setMessage({ ok: true, text: tc('saved') });
      await loaded.reload();
    } catch (caught) {
      setMessage({ ok: false, text: asApiError(caught).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="panel" id="settings-labour">
      <Text className="panel__title">{tc('labourTitle')}</Text>
      {loaded.error ? <View className="notice notice--error">{loaded.error.message}</View> : null}
      {loaded.loading && !loaded.data ? <Text className="muted-c">…</Text> : null}
      {loaded.data ? (
        <View className="labour-form">
          <label className="t-field">
            {tc('labourRate')}
            <input
              id="labour-rate"
              className="c-input"
              inputMode="decimal"
              value={rate}
              disabled={!canEdit}
              onChange={(e) => setRate(e.target.value)}
            />
          </label>
          <label className="t-field">
            {tc('labourCallout')}
            <input
              id="labour-callout"
              className="c-input"
              inputMode="decimal"
              value={callout}
              disabled={!canEdit}
              onChange={(e) => setCallout(e.target.value)}
            />
          </label>
          <label className="labour-form__check">
            <input
              id="labour-quote-required"
              type="checkbox"
              checked={quoteRequired}
              disabled={!canEdit}
              onChange={(e) => setQuoteRequired(e.target.checked)}
            />
            {tc('labourQuoteRequired')}
          </label>
          <label className="labour-form__check">
            <input
              id="labour-signature-required"
              type="checkbox"
              checked={signatureRequired}
              disabled={!canEdit}
              onChange={(e) => setSignatureRequired(e.target.checked)}
            />
            {tc('labourSignatureRequired')}
          </label>
          {message ? (
            <View className={`notice ${message.ok ? 'notice--ok' : 'notice--error'}`} id="labour-message" role="status">
              {message.text}
            </View>
          ) : null}
          {canEdit ? (
            <Button id="labour-save" type="primary" size="small" loading={busy} onClick={() => void save()}>
              {tc('labourSave')}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
