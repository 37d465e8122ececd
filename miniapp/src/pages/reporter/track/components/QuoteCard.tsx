import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { answerQuote, type TrackedTicket } from '../../../../api/tickets';
import { asApiError } from '../../../../api/errors';
import { t } from '../../../../i18n';

import { money } from '../../../../lib/money';

/**
 * 报价待确认: the latest quote of a chargeable repair — labour, call-out, each part at its price, the total — with
 * accept and reject for the version shown (a newer version in the meantime: the page reloads it). Only the filer.
 */
export function QuoteCard({ token, ticket, onAnswered }: { token: string; ticket: TrackedTicket; onAnswered: () => void }) {
  const [busy, setBusy] = useState<'' | 'accept' | 'reject'>('');
  const [error, setError] = useState('');
  const q = ticket.quote;
  if (!q || ticket.viewer !== 'reporter') return null;
  const answer = async (how: 'accept' | 'reject') => {
    setBusy(how);
    setError('');
    try {
      await answerQuote(token, how, q.version);
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy('');
      onAnswered();
    }
  };
  const status =
    q.status === 'pending'
      ? t('quotePending')
      : q.status === 'accepted'
        ? t('quoteAccepted')
        : q.status === 'rejected'
          ? t('quoteRejected')
          : '';
  return (
    <CellGroup title={`${t('quoteTitle')} · v${q.version}`}>
      <View id="quote" data-status={q.status} data-version={q.version}>
        {q.lines.map((l, i) => (
          <Cell key={i} title={`${l.name} × ${l.quantity}`} extra={money(l.lineTotal)} />
        ))}
        {q.labourAmount > 0 ? (
          <Cell title={`${t('quoteLabour')}（${q.labourMinutes} ${t('minutes')}）`} extra={money(q.labourAmount)} />
        ) : null}
        {q.calloutFee > 0 ? <Cell title={t('quoteCallout')} extra={money(q.calloutFee)} /> : null}
        <Cell
          title={t('quoteTotal')}
          extra={
            <Text id="quote-total" className="quote__total">
              {money(q.total)}
            </Text>
          }
        />
        <Cell>
          <Text id="quote-status">{status}</Text>
        </Cell>
        {error ? (
          <Cell>
            <Text className="form-error">{error}</Text>
          </Cell>
        ) : null}
        {q.status === 'pending' ? (
          <View className="actions actions--row">
            <Button
              id="quote-reject"
              fill="outline"
              loading={busy === 'reject'}
              disabled={busy !== ''}
              onClick={() => void answer('reject')}
            >
              {t('quoteReject')}
            </Button>
            <Button
              id="quote-accept"
              type="primary"
              loading={busy === 'accept'}
              disabled={busy !== ''}
              onClick={() => void answer('accept')}
            >
              {t('quoteAccept')}
            </Button>
          </View>
        ) : null}
      </View>
    </CellGroup>
  );
}
