import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PartView, QuoteView } from '@baoxiu/shared';
import { asApiError } from '../../../../api/errors';
import { listParts } from '../../../../api/parts';
import { sendDeskQuote } from '../../../../api/quotes';
import { tc } from '../../../../i18n/console';
import { fenOf, money } from '../../../../lib/money';
import { QUOTE_STATE_LABEL } from '../../quotes/states';

/** The statuses a dispatcher may quote in (the server's rule: open and not yet resolved). */
export const DESK_QUOTABLE = new Set(['new', 'offered', 'accepted', 'en_route', 'on_site', 'waiting_customer', 'reopened']);

interface Props {
  number: string;
  /** Every version, oldest first. */
  quotes: QuoteView[];
  /** Whether the form is offered: a chargeable ticket in a quotable status. */
  canQuote: boolean;
  onSent: () => void;
}

/**
 * 报价: the quote's versions with their states, and the dispatcher's form — labour minutes, an optional call-out
 * fee, part lines found by search — for a first quote or a revised one after the customer rejected.
 */
export function QuotePanel({ number, quotes, canQuote, onSent }: Props) {
  const [minutes, setMinutes] = useState('60');
  const [callout, setCallout] = useState('');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PartView[] | null>(null);
  const [lines, setLines] = useState<Array<{ part: PartView; quantity: number }>>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const latest = quotes[quotes.length - 1] ?? null;

  const search = async () => {
    setMessage(null);
    try {
      setFound((await listParts(q.trim(), null)).items);
    } catch (caught) {
      setMessage({ ok: false, text: asApiError(caught).message });
    }
  };
  const add = (part: PartView) =>
    setLines((ls) =>
      ls.some((l) => l.part.id === part.id)
        ? ls.map((l) => (l.part.id === part.id ? { ...l, quantity: l.quantity + 1 } : l))
        : [...ls, { part, quantity: 1 }],
    );
  const setQuantity = (partId: number, value: string) => {
    const quantity = Number(value);
    if (Number.isInteger(quantity) && quantity >= 1 && quantity <= 10_000)
      setLines((ls) => ls.map((l) => (l.part.id === partId ? { ...l, quantity } : l)));
  };
  const send = async () => {
    const labourMinutes = Number(minutes);
    const calloutFee = callout.trim() ? fenOf(callout) : undefined;
    if (!Number.isInteger(labourMinutes) || labourMinutes < 0 || labourMinutes > 10_000 || calloutFee === null) {
      return setMessage({ ok: false, text: tc('quoteInvalid') });
    }
    setBusy(true);
    setMessage(null);
    try {
      await sendDeskQuote(number, {
        labourMinutes,
        ...(calloutFee === undefined ? {} : { calloutFee }),
        lines: lines.map((l) => ({ partId: l.part.id, quantity: l.quantity })),
      });
      setLines([]);
      setFound(null);
      setMessage({ ok: true, text: tc('quoteSent') });
      onSent();
    } catch (caught) {
      setMessage({ ok: false, text: asApiError(caught).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="panel" id="ticket-quote" data-state={latest?.status ?? 'none'}>
      <View className="panel__title">{tc('quoteSection')}</View>
      {quotes.length === 0 ? (
        <View className="muted-c" id="quote-none">
          {tc('quoteNone')}
        </View>
      ) : (
        <table className="c-table" id="quote-versions">
          <thead>
            <tr>
              <th>{tc('quoteColVersion')}</th>
              <th>{tc('quoteLabour')}</th>
              <th>{tc('quoteCallout')}</th>
              <th>{tc('quoteParts')}</th>
              <th>{tc('quoteColTotal')}</th>
              <th>{tc('quoteColState')}</th>
            </tr>
          </thead>
          <tbody>
            {[...quotes].reverse().map((v) => (
              <tr key={v.version} className="quote-version" data-version={String(v.version)} data-status={v.status}>
                <td>v{v.version}</td>
                <td>{`${v.labourMinutes}′ · ${money(v.labourAmount)}`}</td>
                <td>{money(v.calloutFee)}</td>
                <td>{v.lines.map((l) => `${l.name} × ${l.quantity}`).join('、') || '—'}</td>
                <td>{money(v.total)}</td>
                <td>
                  <span className={`badge${v.status === 'rejected' ? ' badge--error' : ' badge--info'}`}>
                    {tc(QUOTE_STATE_LABEL[v.status])}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canQuote ? (
        <View className="quote-form" id="quote-form">
          <View className="quote-form__row">
            <label className="t-field">
              {tc('quoteLabourMinutes')}
              <input
                id="quote-minutes"
                className="c-input"
                type="number"
                min={0}
                max={10000}
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
            </label>
            <label className="t-field">
              {tc('quoteCalloutFee')}
              <input
                id="quote-callout"
                className="c-input"
                inputMode="decimal"
                value={callout}
                onChange={(e) => setCallout(e.target.value)}
              />
            </label>
          </View>
          <form
            className="quote-form__row"
            onSubmit={(e) => {
              e.preventDefault();
              void search();
            }}
          >
            <input
              id="quote-part-search"
              className="c-input"
              value={q}
              placeholder={tc('quotePartSearch')}
              aria-label={tc('quotePartSearch')}
              onChange={(e) => setQ(e.target.value)}
            />
            <Button id="quote-part-find" size="small" onClick={() => void search()}>
              {tc('search')}
            </Button>
          </form>
          {found && found.length === 0 ? <Text className="muted-c">{tc('quoteNoMatch')}</Text> : null}
          {found?.map((p) => (
            <View key={p.id} className="quote-found" data-id={String(p.id)}>
              <Text>{`${p.sku} ${p.name} · ${money(p.price)}`}</Text>
              <Button className="quote-found__add" size="small" fill="none" onClick={() => add(p)}>
                {tc('quoteAddPart')}
              </Button>
            </View>
          ))}
          {lines.map((l) => (
            <View key={l.part.id} className="quote-line" data-id={String(l.part.id)}>
              <Text>{`${l.part.name}`}</Text>
              <input
                className="c-input quote-line__qty"
                type="number"
                min={1}
                value={l.quantity}
                aria-label={tc('quoteParts')}
                onChange={(e) => setQuantity(l.part.id, e.target.value)}
              />
              <Text>{money(l.part.price * l.quantity)}</Text>
              <Button size="small" fill="none" onClick={() => setLines((ls) => ls.filter((x) => x.part.id !== l.part.id))}>
                {tc('quoteRemove')}
              </Button>
            </View>
          ))}
          {message ? (
            <View className={`notice ${message.ok ? 'notice--ok' : 'notice--error'}`} id="quote-message" role="status">
              {message.text}
            </View>
          ) : null}
          <Button id="quote-send" type="primary" size="small" loading={busy} onClick={() => void send()}>
            {tc(latest ? 'quoteSendRevised' : 'quoteSend')}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
