import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { QuoteLine } from '@baoxiu/shared';
import { asApiError } from '../../../api/errors';
import {
  changePlan,
  downloadInvoice,
  getPreview,
  getSubscription,
  listInvoices,
  listPublicPlans,
  type ChangePlanView,
} from '../../../api/billing';
import { PageState } from '../../../components/PageState';
import { fmt, getLang, tc, useLang } from '../../../i18n/console';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell } from '../components/ConsoleShell';
import { PlanPicker } from '../components/PlanPicker';
import './index.css';

import { money } from '../../../lib/money';

function Lines({ lines, id }: { lines: QuoteLine[]; id: string }) {
  return (
    <View className="billing__lines" id={id}>
      {lines.map((l, i) => (
        <View className="billing__line" key={i} data-kind={l.kind}>
          <Text className="billing__desc">{l.description}</Text>
          <Text className="billing__qty">{l.quantity}</Text>
          <Text className="billing__amount">{money(l.amount)}</Text>
        </View>
      ))}
    </View>
  );
}

/** Plan and phase, seats, usage meters, the upcoming invoice line by line, plan changes with their proration, invoices. */
export function ConsoleBillingPage() {
  useLang();
  const lang = getLang();
  const sub = useLoader(getSubscription, []);
  const preview = useLoader(() => getPreview(lang), [lang]);
  const invoices = useLoader(listInvoices, []);
  const plans = useLoader(listPublicPlans, []);
  const [plan, setPlan] = useState('');
  const [seats, setSeats] = useState('');
  const [proposal, setProposal] = useState<ChangePlanView | null>(null);
  const [changeError, setChangeError] = useState('');
  const [busy, setBusy] = useState(false);

  const body = () => ({ ...(plan ? { plan } : {}), ...(seats ? { seats: Number(seats) } : {}) });
  const run = async (preview: boolean) => {
    setBusy(true);
    setChangeError('');
    try {
      const result = await changePlan(body(), preview);
      setProposal(result);
      if (!preview) await Promise.all([sub.reload(), invoices.reload()]);
    } catch (caught) {
      setChangeError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConsoleShell section="billing" title={tc('navBilling')}>
      <PageState loading={sub.loading} error={sub.error} data={sub.data} onRetry={() => void sub.reload()}>
        {(s) => (
          <View id="billing">
            <View className="panel" id="billing-plan">
              <Text className="panel__title">{s.plan.name}</Text>
              <Text className={`badge ${s.phase === 'trial' ? 'badge--info' : 'badge--ok'}`} id="billing-phase">
                {tc(s.phase === 'trial' ? 'billingTrial' : s.phase === 'discount' ? 'billingDiscount' : 'billingEvergreen')}
              </Text>
              {s.phase === 'trial' ? (
                <Text className="billing__note" id="billing-trial-left">
                  {fmt(tc('billingTrialLeft'), { days: s.trialDaysLeft })}
                </Text>
              ) : null}
              <Text className="billing__note">{fmt(tc('billingPeriod'), { start: s.period.start, end: s.period.end })}</Text>
              <Text className="billing__note" id="billing-seats">
                {fmt(tc('billingSeats'), { used: s.seats.used, purchased: s.seats.purchased })}
              </Text>
              {s.pendingPlanCode ? (
                <Text className="billing__note" id="billing-pending">
                  {fmt(tc('billingPending'), { plan: s.pendingPlanCode })}
                </Text>
              ) : null}
            </View>
            <View className="panel" id="billing-usage">
              <Text className="panel__title">{tc('billingUsage')}</Text>
              {s.usage.map((u) => {
                const cap = u.limit ?? u.included;
                const pct = cap ? Math.min(100, Math.round((u.used / cap) * 100)) : 0;
                return (
                  <View className="billing__meter" key={u.metric} data-metric={u.metric}>
                    <Text className="billing__desc">{tc(`metric_${u.metric}` as 'metric_tickets')}</Text>
                    <View className="billing__bar">
                      <View
                        className={`billing__fill${u.limit !== null && u.used > u.limit ? ' billing__fill--over' : ''}`}
                        style={{ width: `${pct}%` }}
                      />
                    </View>
                    <Text className="billing__qty">{cap !== null ? `${u.used} / ${cap}` : String(u.used)}</Text>
                    {u.limit !== null && u.used > u.limit ? <Text className="notice notice--error">{tc('billingOverLimit')}</Text> : null}
                  </View>
                );
              })}
            </View>
            <View className="panel" id="billing-preview">
              <Text className="panel__title">{tc('billingUpcoming')}</Text>
              <PageState loading={preview.loading} error={preview.error} data={preview.data} onRetry={() => void preview.reload()}>
                {(p) => (
                  <View>
                    <Lines lines={p.quote.lines} id="billing-preview-lines" />
                    <View className="billing__totals">
                      <Text>
                        {tc('billingSubtotal')} {money(p.quote.subtotal)}
                      </Text>
                      <Text>
                        {tc('billingDiscountLabel')} {money(-p.quote.discount)}
                      </Text>
                      <Text>
                        {tc('billingTax')} {money(p.quote.tax)}
                      </Text>
                      <Text className="billing__total" id="billing-preview-total">
                        {tc('billingTotal')} {money(p.quote.total)}
                      </Text>
                    </View>
                  </View>
                )}
              </PageState>
            </View>
            <View className="panel" id="billing-change">
              <Text className="panel__title">{tc('billingChange')}</Text>
              <PageState loading={plans.loading} error={plans.error} data={plans.data} onRetry={() => void plans.reload()}>
                {(items) => (
                  <PlanPicker
                    plans={items}
                    value={plan || s.plan.code}
                    current={s.plan.code}
                    idPrefix="billing-plan"
                    onChange={(code) => {
                      setPlan(code === s.plan.code ? '' : code);
                      setProposal(null);
                    }}
                  />
                )}
              </PageState>
              <View className="billing__form">
                <input
                  id="billing-seats-input"
                  type="number"
                  min={1}
                  placeholder={tc('billingSeatsPlaceholder')}
                  value={seats}
                  onChange={(e) => {
                    setSeats(e.target.value);
                    setProposal(null);
                  }}
                />
                <Button id="billing-preview-change" size="small" loading={busy} disabled={!plan && !seats} onClick={() => void run(true)}>
                  {tc('billingPreviewChange')}
                </Button>
                {proposal?.preview ? (
                  <Button id="billing-confirm-change" type="primary" size="small" loading={busy} onClick={() => void run(false)}>
                    {tc('billingConfirm')}
                  </Button>
                ) : null}
              </View>
              {changeError ? (
                <View className="notice notice--error" id="billing-change-error">
                  {changeError}
                </View>
              ) : null}
              {proposal ? (
                <View id="billing-proposal">
                  <Text className="billing__note">
                    {proposal.effective === 'now' ? tc('billingNow') : fmt(tc('billingAtPeriodEnd'), { day: proposal.effectiveOn })}
                  </Text>
                  <Lines lines={proposal.lines} id="billing-proposal-lines" />
                  {proposal.lines.length ? (
                    <Text className="billing__total">
                      {tc('billingTotal')} {money(proposal.total)}
                    </Text>
                  ) : null}
                </View>
              ) : null}
            </View>
            <View className="panel" id="billing-invoices">
              <Text className="panel__title">{tc('billingInvoices')}</Text>
              <PageState
                loading={invoices.loading}
                error={invoices.error}
                data={invoices.data}
                onRetry={() => void invoices.reload()}
                isEmpty={(xs) => xs.length === 0}
                emptyText={tc('billingNoInvoices')}
              >
                {(items) => (
                  <View>
                    {items.map((inv) => (
                      <View className="billing__line" key={inv.id} data-number={inv.number}>
                        <Text className="billing__desc">
                          {inv.number} · {inv.periodStart} – {inv.periodEnd} · {tc(`invoice_${inv.status}` as 'invoice_open')}
                        </Text>
                        <Text className="billing__amount">{money(inv.total)}</Text>
                        <Button size="small" fill="outline" onClick={() => void downloadInvoice(inv, lang)}>
                          PDF
                        </Button>
                      </View>
                    ))}
                  </View>
                )}
              </PageState>
            </View>
          </View>
        )}
      </PageState>
    </ConsoleShell>
  );
}

export default ConsoleBillingPage;
