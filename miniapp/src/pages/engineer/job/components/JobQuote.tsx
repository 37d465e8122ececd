import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { searchParts, sendQuote, type StaffTicket } from '../../../../api/jobs';
import { asApiError } from '../../../../api/errors';
import type { PartView } from '@baoxiu/shared';
import { t } from '../../../../i18n';

import { money } from '../../../../lib/money';
/** Statuses in which the engineer holding a chargeable job may quote it. */
const QUOTABLE = new Set(['accepted', 'en_route', 'on_site', 'waiting_customer']);

/**
 * 报价: on a chargeable job the engineer sends the customer a quote — on-site minutes and parts searched in the
 * catalogue, priced by the server at today's prices — and sees the customer's answer; a new quote is a new version.
 */
export function JobQuote({ job, onSent }: { job: StaffTicket; onSent: () => void }) {
  const [minutes, setMinutes] = useState('60');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PartView[] | null>(null);
  const [lines, setLines] = useState<Array<{ part: PartView; quantity: number }>>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (job.coverage !== 'chargeable' || !QUOTABLE.has(job.status)) return null;
  const quote = job.quote ?? null;

  const search = async () => {
    setError('');
    try {
      setFound(await searchParts(q.trim()));
    } catch (caught) {
      setError(asApiError(caught).message);
    }
  };
  const add = (part: PartView) =>
    setLines((ls) =>
      ls.some((l) => l.part.id === part.id)
        ? ls.map((l) => (l.part.id === part.id ? { ...l, quantity: l.quantity + 1 } : l))
        : [...ls, { part, quantity: 1 }],
    );
  const send = async () => {
    const labourMinutes = Number(minutes);
    if (!Number.isInteger(labourMinutes) || labourMinutes < 0 || labourMinutes > 10_000) return setError(t('quoteMinutesInvalid'));
    setBusy(true);
    setError('');
    try {
      await sendQuote(job.number, { labourMinutes, lines: lines.map((l) => ({ partId: l.part.id, quantity: l.quantity })) });
      setLines([]);
      setFound(null);
      onSent();
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };
  const answer =
    quote?.status === 'pending'
      ? t('quotePending')
      : quote?.status === 'accepted'
        ? t('quoteAccepted')
        : quote?.status === 'rejected'
          ? t('quoteRejected')
          : '';

  return (
    <CellGroup title={t('quoteSendTitle')}>
      {quote ? (
        <Cell
          title={`v${quote.version} · ${money(quote.total)}`}
          extra={
            <Text id="job-quote-status" data-status={quote.status}>
              {answer}
            </Text>
          }
        />
      ) : null}
      <Cell title={t('quoteMinutes')}>
        <Input id="quote-minutes" type="number" value={minutes} onChange={setMinutes} maxLength={5} placeholder={t('quoteMinutes')} />
      </Cell>
      <Cell>
        <Input id="quote-part-search" value={q} onChange={setQ} placeholder={t('quotePartSearch')} maxLength={60} />
        <Button id="quote-part-find" size="small" onClick={() => void search()}>
          {t('search')}
        </Button>
      </Cell>
      {found?.map((p) => (
        <Cell key={p.id} title={`${p.name} · ${p.sku}`} extra={money(p.price)} onClick={() => add(p)} className="quote-part" />
      ))}
      {found && found.length === 0 ? (
        <Cell>
          <Text>{t('quoteNoParts')}</Text>
        </Cell>
      ) : null}
      {lines.map((l) => (
        <Cell
          key={l.part.id}
          title={`${l.part.name} × ${l.quantity}`}
          extra={money(l.part.price * l.quantity)}
          onClick={() => setLines((ls) => ls.filter((x) => x.part.id !== l.part.id))}
        />
      ))}
      {error ? (
        <Cell>
          <Text className="form-error" id="quote-error">
            {error}
          </Text>
        </Cell>
      ) : null}
      <View className="actions">
        <Button id="quote-send" type="primary" block loading={busy} onClick={() => void send()}>
          {quote ? t('quoteSendAgain') : t('quoteSend')}
        </Button>
      </View>
    </CellGroup>
  );
}
