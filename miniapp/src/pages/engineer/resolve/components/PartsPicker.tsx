import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import type { StaffTicket, StockBalanceItem, StockLocationView } from '@baoxiu/shared';
import { asApiError } from '../../../../api/errors';
import { myVan, partByBarcode, searchParts, vanStock } from '../../../../api/jobs';
import { t } from '../../../../i18n';
import { money } from '../../../../lib/money';
import { getSession } from '../../../../lib/session';
import './PartsPicker.css';

/** The part as the resolve line shows it. */
export interface PickedPartInfo {
  id: number;
  sku: string;
  name: string;
  price: number;
}

export interface PickedPart {
  part: PickedPartInfo;
  quantity: number;
  /** Where it is taken from: the van it was picked in (null: the server's default, the engineer's van). */
  locationId: number | null;
  /** On hand in the van when picked (null: unknown, as for a line restored from the draft). */
  onHand: number | null;
}

const isH5 = process.env.TARO_ENV === 'h5';

/** The resolve body's `partsUsed`: consumed from the engineer's van (the server's default location). */
export function partsUsedOf(
  lines: readonly PickedPart[],
  van: StockLocationView | null,
): Array<{ partId: number; quantity: number; locationId?: number }> {
  return lines.map((l) => {
    const locationId = l.locationId ?? van?.id;
    return { partId: l.part.id, quantity: l.quantity, ...(locationId ? { locationId } : {}) };
  });
}

interface Props {
  job: StaffTicket | null;
  value: PickedPart[];
  /** The lines' state setter (an update may be a function: the van's stock arrives after the lines may have changed). */
  onChange: Dispatch<SetStateAction<PickedPart[]>>;
  onVan: (van: StockLocationView | null) => void;
}

const infoOf = (b: StockBalanceItem): PickedPartInfo => ({ id: b.partId, sku: b.sku, name: b.name, price: b.price });

/**
 * 使用备件: the job's coverage and accepted quote, and the parts taken from the van — found by name or SKU, by the
 * barcode scanned in WeChat (`Taro.scanCode`) or typed in the browser — with their quantities and the van's stock.
 * Search and barcode look in the van first (GET /api/stock/locations/:id/balances); a part the catalogue has but
 * the van does not (or has none left of) is said so, rather than added to fail the resolve with OUT_OF_STOCK.
 */
export function PartsPicker({ job, value, onChange, onVan }: Props) {
  const [van, setVan] = useState<StockLocationView | null>(null);
  const [q, setQ] = useState('');
  const [barcode, setBarcode] = useState('');
  const [found, setFound] = useState<StockBalanceItem[] | null>(null);
  const [elsewhere, setElsewhere] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    const me = getSession()?.user.id;
    if (!me) return;
    void myVan(me)
      .then((v) => {
        setVan(v);
        onVan(v);
      })
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page: the van does not change while resolving
  }, []);

  // Lines restored from the draft do not know the van's stock: ask for each once the van is known.
  useEffect(() => {
    if (!van) return;
    const unknown = value.filter((l) => l.onHand === null && l.part.sku);
    if (unknown.length === 0) return;
    void Promise.all(
      unknown.map((l) =>
        vanStock(van.id, { q: l.part.sku })
          .then((items): [number, number] => [l.part.id, items.find((i) => i.partId === l.part.id)?.onHand ?? 0])
          .catch(() => null),
      ),
    ).then((answers) => {
      const onHand = new Map(answers.filter((a): a is [number, number] => a !== null));
      onChange((lines) =>
        lines.map((l) => (l.onHand === null && onHand.has(l.part.id) ? { ...l, onHand: onHand.get(l.part.id) ?? null } : l)),
      );
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once the van is known: later lines are picked with their stock
  }, [van]);

  const add = (item: StockBalanceItem) => {
    setError('');
    if (item.onHand <= 0) return setError(`${t('partsNoneInVan')} ${item.name} · ${item.sku}`);
    const existing = value.find((l) => l.part.id === item.partId);
    if (existing)
      return onChange(value.map((l) => (l.part.id === item.partId ? { ...l, quantity: l.quantity + 1, onHand: item.onHand } : l)));
    onChange([...value, { part: infoOf(item), quantity: 1, locationId: van?.id ?? null, onHand: item.onHand }]);
  };
  const search = async () => {
    setError('');
    setElsewhere(false);
    if (!van) return setError(t('partsNoVan'));
    try {
      const text = q.trim();
      const inVan = await vanStock(van.id, text ? { q: text } : {});
      setFound(inVan);
      // Nothing in the van: does the catalogue have it at all? Then it is elsewhere (the store), not misspelt.
      if (inVan.length === 0 && text) setElsewhere((await searchParts(text)).length > 0);
    } catch (caught) {
      setError(asApiError(caught).message);
    }
  };
  const byBarcode = async (code: string) => {
    const trimmed = code.trim();
    if (!trimmed) return;
    setError('');
    if (!van) return setError(t('partsNoVan'));
    try {
      const [item] = await vanStock(van.id, { barcode: trimmed });
      if (!item) {
        const part = await partByBarcode(trimmed);
        return setError(part ? `${t('partsNotInVan')} ${part.name} · ${part.sku}` : `${t('partsNoBarcode')} ${trimmed}`);
      }
      setBarcode('');
      add(item);
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
    if (Number.isInteger(quantity) && quantity >= 1 && quantity <= 10_000)
      onChange(value.map((l) => (l.part.id === partId ? { ...l, quantity } : l)));
  };
  const quote = job?.quote?.status === 'accepted' ? job.quote : null;

  return (
    <CellGroup title={t('partsTitle')}>
      {job ? (
        <Cell
          title={t('coverageTitle')}
          extra={
            <Text id="resolve-coverage" data-coverage={job.coverage}>
              {t(`coverage_${job.coverage}`)}
            </Text>
          }
        />
      ) : null}
      {quote ? (
        <Cell
          title={`${t('partsAcceptedQuote')} v${quote.version}`}
          extra={
            <Text id="resolve-quote" data-version={String(quote.version)}>
              {money(quote.total)}
            </Text>
          }
          description={quote.lines.map((l) => `${l.name} × ${l.quantity}`).join('、')}
        />
      ) : null}
      <Cell title={t('partsVan')} extra={<Text id="resolve-van">{van?.name ?? '—'}</Text>} />
      <Cell>
        <View className="parts-picker__row">
          <Input
            id="resolve-part-search"
            value={q}
            onChange={setQ}
            placeholder={t('partsSearch')}
            maxLength={60}
            onConfirm={() => void search()}
          />
          <Button id="resolve-part-find" size="small" onClick={() => void search()}>
            {t('search')}
          </Button>
        </View>
      </Cell>
      <Cell>
        <View className="parts-picker__row">
          <Input
            id="resolve-barcode"
            value={barcode}
            onChange={setBarcode}
            placeholder={t('partsBarcode')}
            maxLength={64}
            onConfirm={() => void byBarcode(barcode)}
          />
          <Button id="resolve-barcode-add" size="small" onClick={() => void byBarcode(barcode)}>
            {t('partsAdd')}
          </Button>
          {isH5 ? null : (
            <Button id="resolve-scan" size="small" type="primary" onClick={() => void scan()}>
              {t('partsScan')}
            </Button>
          )}
        </View>
      </Cell>
      {found && found.length === 0 ? (
        <Cell>
          <Text id="resolve-found-none">{t(elsewhere ? 'partsSearchNotInVan' : 'quoteNoParts')}</Text>
        </Cell>
      ) : null}
      {found?.map((p) => (
        <Cell
          key={p.partId}
          className="resolve-found"
          data-id={String(p.partId)}
          title={`${p.name} · ${p.sku}`}
          description={`${t('partsOnHand')} ${p.onHand} ${p.unit}`}
          extra={money(p.price)}
          onClick={() => add(p)}
        />
      ))}
      {value.map((l) => (
        <Cell key={l.part.id}>
          <View className="parts-picker__line resolve-part" data-id={String(l.part.id)}>
            <Text className="parts-picker__name">{`${l.part.name} · ${l.part.sku}`}</Text>
            <Input
              className="parts-picker__qty"
              type="number"
              value={String(l.quantity)}
              onChange={(v) => setQuantity(l.part.id, v)}
              maxLength={5}
            />
            <Text
              className={l.onHand !== null && l.onHand < l.quantity ? 'form-error' : ''}
            >{`${t('partsOnHand')} ${l.onHand ?? '—'}`}</Text>
            <Button size="small" fill="none" onClick={() => onChange(value.filter((x) => x.part.id !== l.part.id))}>
              {t('partsRemove')}
            </Button>
          </View>
        </Cell>
      ))}
      {error ? (
        <Cell>
          <Text className="form-error" id="resolve-parts-error">
            {error}
          </Text>
        </Cell>
      ) : null}
    </CellGroup>
  );
}
