import { Fragment, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { StockMovementKind } from '@baoxiu/shared';
import { asApiError, showError } from '../../../api/errors';
import { saveFile } from '../../../api/console';
import {
  createPart,
  exportParts,
  importParts,
  listLocations,
  listMovements,
  listParts,
  lowStock,
  partStock,
  postMovement,
  updatePart,
  type PartBody,
  type PartStock,
  type PartView,
} from '../../../api/parts';
import { PageState } from '../../../components/PageState';
import { fmt, tc, tcCode, useLang } from '../../../i18n/console';
import { useLoader } from '../../../lib/use-loader';
import { yuanOf } from '../../../lib/money';
import { ConsoleShell, forgetLowStockCount } from '../components/ConsoleShell';
import { PartForm } from './PartForm';
import './index.css';

const KINDS: StockMovementKind[] = ['receive', 'transfer', 'adjust', 'return'];

/** The parts catalogue, stock per location with its ledger, and the parts at or below their minimum. */
export function ConsolePartsPage() {
  useLang();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const parts = useLoader(() => listParts(search, null), [search]);
  const low = useLoader(lowStock, []);
  const locations = useLoader(listLocations, []);
  const [editing, setEditing] = useState<number | null>(null);
  const [stockOf, setStockOf] = useState<{ partId: number; stock: PartStock } | null>(null);
  const [locationId, setLocationId] = useState<number | null>(null);
  const movements = useLoader(() => (locationId ? listMovements(locationId, null) : Promise.resolve(null)), [locationId]);
  const [move, setMove] = useState({ partId: '', kind: 'receive' as StockMovementKind, quantity: '1', toLocationId: '', reason: '' });
  const [moveError, setMoveError] = useState('');
  const [sheetNote, setSheetNote] = useState('');

  const download = async () => {
    try {
      saveFile(await exportParts());
    } catch (caught) {
      showError(asApiError(caught));
    }
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = await importParts(file);
      const bad = result.rows.filter((r) => r.errors.length > 0).map((r) => `${r.line}: ${r.errors.map((e) => e.message).join('; ')}`);
      setSheetNote([fmt(tc('partImportDone'), { created: result.created, updated: result.updated }), ...bad].join('\n'));
      forgetLowStockCount();
      await Promise.all([parts.reload(), low.reload()]);
    } catch (caught) {
      setSheetNote(asApiError(caught).message);
    }
  };

  const add = async (body: PartBody) => {
    await createPart(body);
    void Taro.showToast({ title: tc('saved'), icon: 'success' });
    await parts.reload();
  };
  const save = async (part: PartView, body: PartBody) => {
    await updatePart(part.id, body);
    setEditing(null);
    forgetLowStockCount();
    await Promise.all([parts.reload(), low.reload()]);
  };
  const showStock = async (part: PartView) => {
    if (stockOf?.partId === part.id) return setStockOf(null);
    try {
      setStockOf({ partId: part.id, stock: await partStock(part.id) });
    } catch (caught) {
      showError(asApiError(caught));
    }
  };
  const submitMove = async () => {
    const quantity = Number(move.quantity);
    if (!locationId || !move.partId || !Number.isInteger(quantity) || quantity === 0) return setMoveError(tc('moveNeedFields'));
    setMoveError('');
    try {
      await postMovement({
        partId: Number(move.partId),
        locationId,
        kind: move.kind,
        quantity,
        ...(move.kind === 'transfer' ? { toLocationId: Number(move.toLocationId) } : {}),
        reason: move.reason.trim() || null,
      });
      void Taro.showToast({ title: tc('saved'), icon: 'success' });
      forgetLowStockCount();
      await Promise.all([movements.reload(), low.reload()]);
    } catch (caught) {
      const error = asApiError(caught);
      setMoveError(
        error.code === 'OUT_OF_STOCK' ? `${error.message}（${tc('onHand')} ${String(error.details.onHand ?? 0)}）` : error.message,
      );
    }
  };
  const partName = (id: number) => parts.data?.items.find((p) => p.id === id)?.name ?? `#${id}`;
  const locationName = (id: number | null) => (id === null ? '—' : (locations.data?.find((l) => l.id === id)?.name ?? `#${id}`));

  return (
    <ConsoleShell section="parts" title={tc('navParts')}>
      {low.data && low.data.length > 0 ? (
        <View className="panel notice--error" id="low-stock">
          <Text className="panel__title">{tc('lowStock')}</Text>
          {low.data.map((l) => (
            <View key={l.partId} className="low-row" data-part={l.partId}>
              <Text>{`${l.sku} ${l.name}: ${tc('onHand')} ${l.onHand} / ${tc('partMinStock')} ${l.minStock}`}</Text>
              <View className="low-row__messages">
                <Text className="low-row__label">{tc('lowStockMessages')}</Text>
                {l.messages.length === 0 ? (
                  <Text className="muted-c">{tc('lowStockNoMessages')}</Text>
                ) : (
                  l.messages.map((m) => (
                    <Text key={m.id} className="low-row__message" data-status={m.status}>
                      {`${m.recipientName ?? `#${m.recipientUserId ?? ''}`} · ${tcCode('notificationStatus_', m.status)}`}
                      {m.reason ? ` — ${tcCode('notificationReason_', m.reason)}` : ''}
                    </Text>
                  ))
                )}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View className="panel" id="part-sheet">
        <Text className="panel__title">{tc('partSheet')}</Text>
        <View className="part-sheet__row">
          <Button className="part-sheet__export" size="small" onClick={() => void download()}>
            {tc('partExport')}
          </Button>
          <input
            type="file"
            id="part-import"
            aria-label={tc('partImport')}
            accept=".xlsx,.csv"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        </View>
        {sheetNote ? (
          <Text className="part-sheet__note" id="part-import-result">
            {sheetNote}
          </Text>
        ) : null}
      </View>
      <View className="panel">
        <Text className="panel__title">{tc('addPart')}</Text>
        <PartForm id="part-new" onSave={add} />
      </View>
      <View className="panel">
        <form
          className="part-search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <input
            className="c-input"
            id="part-search"
            value={q}
            placeholder={tc('partSearch')}
            aria-label={tc('partSearch')}
            onChange={(e) => setQ(e.target.value)}
          />
          <Button size="small" onClick={() => setSearch(q.trim())}>
            {tc('search')}
          </Button>
        </form>
        <PageState
          loading={parts.loading}
          error={parts.error}
          data={parts.data}
          onRetry={() => void parts.reload()}
          isEmpty={(page) => page.items.length === 0}
          emptyText={tc('noParts')}
        >
          {(page) => (
            <table className="c-table" id="part-table">
              <thead>
                <tr>
                  <th>{tc('partSku')}</th>
                  <th>{tc('partName')}</th>
                  <th>{tc('partUnit')}</th>
                  <th>{tc('partCost')}</th>
                  <th>{tc('partPrice')}</th>
                  <th>{tc('partMinStock')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {page.items.map((part) => (
                  <Fragment key={part.id}>
                    {editing === part.id ? (
                      <tr>
                        <td colSpan={7}>
                          <PartForm
                            id={`part-edit-${part.id}`}
                            initial={part}
                            onSave={(body) => save(part, body)}
                            onCancel={() => setEditing(null)}
                          />
                        </td>
                      </tr>
                    ) : (
                      <tr className="part-row" data-id={String(part.id)}>
                        <td>{part.sku}</td>
                        <td>{part.name}</td>
                        <td>{part.unit}</td>
                        <td>{yuanOf(part.cost)}</td>
                        <td>{yuanOf(part.price)}</td>
                        <td>{part.minStock}</td>
                        <td className="part-row__actions">
                          <Button className="part-row__stock" size="small" fill="none" onClick={() => void showStock(part)}>
                            {tc('partStock')}
                          </Button>
                          <Button size="small" fill="none" onClick={() => setEditing(part.id)}>
                            {tc('edit')}
                          </Button>
                        </td>
                      </tr>
                    )}
                    {stockOf?.partId === part.id ? (
                      <tr>
                        <td colSpan={7}>
                          {stockOf.stock.locations.map((l) => (
                            <View key={l.locationId} className="stock-line">
                              <Text>{`${l.name}: ${l.onHand}`}</Text>
                            </View>
                          ))}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          )}
        </PageState>
      </View>
      <View className="panel" id="stock-panel">
        <Text className="panel__title">{tc('stockByLocation')}</Text>
        <select
          className="c-select"
          id="stock-location"
          aria-label={tc('chooseLocation')}
          value={locationId ?? ''}
          onChange={(e) => setLocationId(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">{tc('chooseLocation')}</option>
          {(locations.data ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        {locationId ? (
          <View className="move-form" id="move-form">
            <select
              className="c-select"
              name="partId"
              aria-label={tc('choosePart')}
              value={move.partId}
              onChange={(e) => setMove({ ...move, partId: e.target.value })}
            >
              <option value="">{tc('choosePart')}</option>
              {(parts.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>{`${p.sku} ${p.name}`}</option>
              ))}
            </select>
            <select
              className="c-select"
              name="kind"
              aria-label={tc('moveKind')}
              value={move.kind}
              onChange={(e) => setMove({ ...move, kind: e.target.value as StockMovementKind })}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {tc(`move_${k}`)}
                </option>
              ))}
            </select>
            <input
              className="c-input move-form__qty"
              name="quantity"
              aria-label={tc('moveDelta')}
              value={move.quantity}
              inputMode="numeric"
              onChange={(e) => setMove({ ...move, quantity: e.target.value })}
            />
            {move.kind === 'transfer' ? (
              <select
                className="c-select"
                name="toLocationId"
                aria-label={tc('moveOther')}
                value={move.toLocationId}
                onChange={(e) => setMove({ ...move, toLocationId: e.target.value })}
              >
                <option value="">{tc('chooseLocation')}</option>
                {(locations.data ?? [])
                  .filter((l) => l.id !== locationId)
                  .map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
              </select>
            ) : null}
            <input
              className="c-input"
              name="reason"
              value={move.reason}
              maxLength={200}
              placeholder={tc('moveReason')}
              aria-label={tc('moveReason')}
              onChange={(e) => setMove({ ...move, reason: e.target.value })}
            />
            <Button className="move-form__save" size="small" type="primary" onClick={() => void submitMove()}>
              {tc('save')}
            </Button>
            {moveError ? <Text className="field__error">{moveError}</Text> : null}
          </View>
        ) : null}
        {movements.data ? (
          <table className="c-table" id="movement-table">
            <thead>
              <tr>
                <th>{tc('moveAt')}</th>
                <th>{tc('partName')}</th>
                <th>{tc('moveKind')}</th>
                <th>{tc('moveDelta')}</th>
                <th>{tc('onHand')}</th>
                <th>{tc('moveOther')}</th>
                <th>{tc('moveReason')}</th>
              </tr>
            </thead>
            <tbody>
              {movements.data.items.map((m) => (
                <tr key={m.id} className="movement-row">
                  <td>{m.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>{partName(m.partId)}</td>
                  <td>{tc(`ledger_${m.kind}`)}</td>
                  <td>{m.delta > 0 ? `+${m.delta}` : m.delta}</td>
                  <td>{m.onHandAfter}</td>
                  <td>{locationName(m.otherLocationId)}</td>
                  <td>{m.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </View>
    </ConsoleShell>
  );
}

export default ConsolePartsPage;
