import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import type { PartView, StaffTicket, StockLocationView } from '@baoxiu/shared';
import { asApiError } from '../../../../api/errors';
import { myVan, onHandAt, partByBarcode, searchParts } from '../../../../api/jobs';
import { t } from '../../../../i18n';
import { money } from '../../../../lib/money';
import { getSession } from '../../../../lib/session';
import './PartsPicker.css';

export interface PickedPart {
  part: PartView;
  quantity: number;
  /** On hand in the van when picked (null: unknown). */
  onHand: number | null;
}

const isH5 = process.env.TARO_ENV === 'h5';

/** The resolve body's `partsUsed`: consumed from the engineer's van (the server's default location). */
export function partsUsedOf(lines: readonly PickedPart[], van: StockLocationView | null): Array<{ partId: number; quantity: number; locationId?: number }> {
  return lines.map((l) => ({ partId: l.part.id, quantity: l.quantity, ...(van ? { locationId: van.id } : {}) }));
}

interface Props {
  job: StaffTicket | null;
  value: PickedPart[];
  onChange: (lines: PickedPart[]) => void;
  onVan: (van: StockLocationView | null) => void;
}

/**
 * 使用备件: the job's coverage and accepted quote, and the parts taken from the van — found by name or SKU, by the
 * barcode scanned in WeChat (`Taro.scanCode`) or typed in the browser — with their quantities and the van's stock.
 */
export function PartsPicker({ job, value, onChange, onVan }: Props) {
  const [van, setVan] = useState<StockLocationView | null>(null);
  const [q, setQ] = useState('');
  const [barcode, setBarcode] = useState('');
  const [found, setFound] = useState<PartView[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const me = getSession()?.user.id;
    if (!me) return;
    void myVan(me).then((v) => { setVan(v); onVan(v); }).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page: the van does not change while resolving
  }, []);

  const add = async (part: PartView) => {
    setError('');
    const existing = value.find((l) => l.part.id === part.id);
    if (existing) return onChange(value.map((l) => (l.part.id === part.id ? { ...l, quantity: l.quantity + 1 } : l)));
    const onHand = van ? await onHandAt(part.id, van.id).catch(() => null) : null;
    onChange([...value, { part, quantity: 1, onHand }]);
  };
  const search = async () => {
    setError('');
    try {
      setFound(await searchParts(q.trim()));
    } catch (caught) {
      setError(asApiError(caught).message);
    }
  };
  const byBarcode = async (code: string) => {
    const trimmed = code.trim();
    if (!trimmed) return;
    setError('');
    try {
      const part = await partByBarcode(trimmed);
      if (!part) return setError(`${t('partsNoBarcode')} ${trimmed}`);
      setBarcode('');
      await add(part);
    } catch (caught) {
      setError(asApiError(caught).message);
    }
  };
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['barCode', 'qrCode'] });
      await byBarcode(res.result);
    } catch {
      // cancelled by the user
    }
  };
  const setQuantity = (partId: number, text: string) => {
    const quantity = Number(text);
    if (Number.isInteger(quantity) && quantity >= 1 && quantity <= 10_000) onChange(value.map((l) => (l.part.id === partId ? { ...l, quantity } : l)));
  };
  const quote = job?.quote?.status === 'accepted' ? job.quote : null;

  return (
    <CellGroup title={t('partsTitle')}>
      {job ? (
        <Cell title={t('coverageTitle')} extra={<Text id="resolve-coverage" data-coverage={job.coverage}>{t(`coverage_${job.coverage}`)}</Text>} />
      ) : null}
      {quote ? (
        <Cell title={`${t('partsAcceptedQuote')} v${quote.version}`} extra={<Text id="resolve-quote" data-version={String(quote.version)}>{money(quote.total)}</Text>}
          description={quote.lines.map((l) => `${l.name} × ${l.quantity}`).join('、')} />
      ) : null}
      <Cell title={t('partsVan')} extra={<Text id="resolve-van">{van?.name ?? '—'}</Text>} />
      <Cell>
        <View className="parts-picker__row">
          <Input id="resolve-part-search" value={q} onChange={setQ} placeholder={t('partsSearch')} maxLength={60} onConfirm={() => void search()} />
          <Button id="resolve-part-find" size="small" onClick={() => void search()}>{t('search')}</Button>
        </View>
      </Cell>
      <Cell>
        <View className="parts-picker__row">
          <Input id="resolve-barcode" value={barcode} onChange={setBarcode} placeholder={t('partsBarcode')} maxLength={64} onConfirm={() => void byBarcode(barcode)} />
          <Button id="resolve-barcode-add" size="small" onClick={() => void byBarcode(barcode)}>{t('partsAdd')}</Button>
          {isH5 ? null : <Button id="resolve-scan" size="small" type="primary" onClick={() => void scan()}>{t('partsScan')}</Button>}
        </View>
      </Cell>
      {found && found.length === 0 ? <Cell><Text>{t('quoteNoParts')}</Text></Cell> : null}
      {found?.map((p) => (
        <Cell key={p.id} className="resolve-found" title={`${p.name} · ${p.sku}`} extra={money(p.price)} onClick={() => void add(p)} />
      ))}
      {value.map((l) => (
        <Cell key={l.part.id}>
          <View className="parts-picker__line resolve-part" data-id={String(l.part.id)}>
            <Text className="parts-picker__name">{`${l.part.name} · ${l.part.sku}`}</Text>
            <Input className="parts-picker__qty" type="number" value={String(l.quantity)} onChange={(v) => setQuantity(l.part.id, v)} maxLength={5} />
            <Text className={l.onHand !== null && l.onHand < l.quantity ? 'form-error' : ''}>{`${t('partsOnHand')} ${l.onHand ?? '—'}`}</Text>
            <Button size="small" fill="none" onClick={() => onChange(value.filter((x) => x.part.id !== l.part.id))}>{t('partsRemove')}</Button>
          </View>
        </Cell>
      ))}
      {error ? <Cell><Text className="form-error" id="resolve-parts-error">{error}</Text></Cell> : null}
    </CellGroup>
  );
}
