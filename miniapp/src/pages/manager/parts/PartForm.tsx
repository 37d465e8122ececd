import { useState, type FormEvent } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { asApiError } from '../../../api/errors';
import type { PartBody, PartView } from '../../../api/parts';
import { fenOf, yuanOf } from '../../../lib/money';
import { tc } from '../../../i18n/console';

interface PartFormProps {
  id: string;
  initial?: PartView;
  onSave: (body: PartBody) => Promise<void>;
  onCancel?: () => void;
}

/** SKU, name, unit, cost and price in yuan (sent as fen), minimum stock; the text stays when saving fails. */
export function PartForm({ id, initial, onSave, onCancel }: PartFormProps) {
  const [sku, setSku] = useState(initial?.sku ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [unit, setUnit] = useState(initial?.unit ?? '个');
  const [cost, setCost] = useState(initial ? yuanOf(initial.cost) : '');
  const [price, setPrice] = useState(initial ? yuanOf(initial.price) : '');
  const [minStock, setMinStock] = useState(String(initial?.minStock ?? 0));
  const [barcode, setBarcode] = useState(initial?.barcode ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const costFen = fenOf(cost);
    const priceFen = fenOf(price);
    const min = Number(minStock);
    if (!sku.trim() || !name.trim() || !unit.trim()) return setError(tc('partNeedFields'));
    if (costFen === null || priceFen === null) return setError(tc('partBadMoney'));
    if (!Number.isInteger(min) || min < 0) return setError(tc('partBadMinStock'));
    setBusy(true);
    setError('');
    try {
      await onSave({
        sku: sku.trim(),
        name: name.trim(),
        unit: unit.trim(),
        cost: costFen,
        price: priceFen,
        minStock: min,
        barcode: barcode.trim() || null,
      });
      if (!initial) {
        setSku('');
        setName('');
        setCost('');
        setPrice('');
        setBarcode('');
      }
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="part-form" id={id} onSubmit={(e) => void submit(e)}>
      <View className="part-form__row">
        <input
          className="c-input part-form__sku"
          name="sku"
          value={sku}
          maxLength={64}
          placeholder={tc('partSku')}
          aria-label={tc('partSku')}
          onChange={(e) => setSku(e.target.value)}
        />
        <input
          className="c-input part-form__name"
          name="name"
          value={name}
          maxLength={100}
          placeholder={tc('partName')}
          aria-label={tc('partName')}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          className="c-input part-form__unit"
          name="unit"
          value={unit}
          maxLength={16}
          placeholder={tc('partUnit')}
          aria-label={tc('partUnit')}
          onChange={(e) => setUnit(e.target.value)}
        />
        <input
          className="c-input part-form__money"
          name="cost"
          value={cost}
          inputMode="decimal"
          placeholder={tc('partCost')}
          aria-label={tc('partCost')}
          onChange={(e) => setCost(e.target.value)}
        />
        <input
          className="c-input part-form__money"
          name="price"
          value={price}
          inputMode="decimal"
          placeholder={tc('partPrice')}
          aria-label={tc('partPrice')}
          onChange={(e) => setPrice(e.target.value)}
        />
        <input
          className="c-input part-form__min"
          name="minStock"
          value={minStock}
          inputMode="numeric"
          placeholder={tc('partMinStock')}
          aria-label={tc('partMinStock')}
          onChange={(e) => setMinStock(e.target.value)}
        />
        <input
          className="c-input part-form__barcode"
          name="barcode"
          value={barcode}
          maxLength={64}
          placeholder={tc('partBarcode')}
          aria-label={tc('partBarcode')}
          onChange={(e) => setBarcode(e.target.value)}
        />
        <button type="submit" className="c-hidden" />
        <Button className="part-form__save" size="small" type="primary" loading={busy} onClick={() => void submit()}>
          {tc('save')}
        </Button>
        {onCancel ? (
          <Button size="small" fill="none" onClick={onCancel}>
            {tc('cancel')}
          </Button>
        ) : null}
      </View>
      {error ? <Text className="field__error part-form__error">{error}</Text> : null}
    </form>
  );
}
