import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { BILLING_PERIODS, type BillingPeriod } from '@baoxiu/shared';
import type { PublicPlan } from '../../../api/billing';
import { fmt, tc } from '../../../i18n/console';
import './PlanPicker.css';

import { moneyShort as money } from '../../../lib/money';

/**
 * The published plans as cards, one period length at a time (monthly / quarterly / yearly tabs): name, first-period
 * price with tax, trial, seats, modules and a free tier's cap. A radio group: arrow keys and Tab work, the choice is
 * announced. `current` marks the tenant's plan (the console's plan change), `value` is the chosen code.
 */
export function PlanPicker({
  plans,
  value,
  onChange,
  current,
  idPrefix = 'plan',
}: {
  plans: PublicPlan[];
  value: string;
  onChange: (code: string) => void;
  current?: string;
  idPrefix?: string;
}) {
  const periods = BILLING_PERIODS.filter((p) => plans.some((x) => x.period === p));
  const chosen = plans.find((p) => p.code === value);
  const [period, setPeriod] = useState<BillingPeriod>(chosen?.period ?? periods[0] ?? 'month');
  const shown = plans.filter((p) => p.period === period);
  if (plans.length === 0) return <Text className="muted-c">{tc('planNone')}</Text>;
  return (
    <View className="plan-picker">
      <View className="plan-picker__tabs" role="tablist">
        {periods.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={p === period}
            id={`${idPrefix}-period-${p}`}
            className={`plan-picker__tab${p === period ? ' plan-picker__tab--on' : ''}`}
            onClick={() => setPeriod(p)}
          >
            {tc(`period_${p}` as 'period_month')}
          </button>
        ))}
      </View>
      <View className="plan-picker__cards" role="radiogroup" aria-label={tc('signupPlan')}>
        {shown.map((p) => {
          const on = p.code === value;
          return (
            <label key={p.code} className={`plan-card${on ? ' plan-card--on' : ''}`} data-code={p.code} id={`${idPrefix}-${p.code}`}>
              <input
                type="radio"
                name={`${idPrefix}-choice`}
                value={p.code}
                checked={on}
                onChange={() => onChange(p.code)}
                className="plan-card__radio"
              />
              <Text className="plan-card__name">{p.name}</Text>
              {current === p.code ? <Text className="badge badge--info">{tc('planCurrent')}</Text> : null}
              <Text className="plan-card__price">
                {money(p.firstPeriod.total)}
                <Text className="plan-card__per">{tc(`planPerPeriod_${p.period}` as 'planPerPeriod_month')}</Text>
              </Text>
              <Text className="plan-card__note">
                {tc('planFirstPeriod')}
                {p.firstPeriod.phase === 'discount' ? tc('planDiscounted') : ''} · {fmt(tc('planSeatsIncluded'), { seats: p.defaultSeats })}
              </Text>
              <Text className="plan-card__note">{p.trialDays ? fmt(tc('planTrialDays'), { days: p.trialDays }) : tc('planNoTrial')}</Text>
              {p.limits.tickets !== undefined ? (
                <Text className="plan-card__note">{fmt(tc('planFreeCaps'), { tickets: p.limits.tickets })}</Text>
              ) : null}
              <View className="plan-card__modules">
                {p.modules.map((m) => (
                  <Text key={m} className="plan-card__module">
                    {tc(`module_${m}` as 'module_kb')}
                  </Text>
                ))}
              </View>
            </label>
          );
        })}
      </View>
    </View>
  );
}
