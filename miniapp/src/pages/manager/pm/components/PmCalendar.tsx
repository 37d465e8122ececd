import { View, Text } from '@tarojs/components';
import type { PmOccurrence, PmPlan } from '../../../../api/pm';
import { tc } from '../../../../i18n/console';

interface PmCalendarProps {
  /** "YYYY-MM-01" */
  month: string;
  items: PmOccurrence[];
  plans: PmPlan[];
}

const WEEKDAYS = ['pmMon', 'pmTue', 'pmWed', 'pmThu', 'pmFri', 'pmSat', 'pmSun'] as const;

/** The days of a month laid out Monday first, with the visits due on each (a ticket number once generated). */
export function PmCalendar({ month, items, plans }: PmCalendarProps) {
  const first = new Date(`${month}T00:00:00Z`);
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const nameOf = new Map(plans.map((p) => [p.id, p.name]));
  const byDay = new Map<string, PmOccurrence[]>();
  for (const o of items) byDay.set(o.dueOn, [...(byDay.get(o.dueOn) ?? []), o]);
  const cells = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: days }, (_, i) => `${month.slice(0, 8)}${String(i + 1).padStart(2, '0')}`),
  ];
  return (
    <View className="pm-cal" id="pm-calendar">
      {WEEKDAYS.map((d) => (
        <Text key={d} className="pm-cal__head">
          {tc(d)}
        </Text>
      ))}
      {cells.map((day, i) => (
        <View key={day ?? `pad-${i}`} className={`pm-cal__cell${day ? '' : ' pm-cal__cell--pad'}`} data-day={day ?? ''}>
          {day ? <Text className="pm-cal__date">{Number(day.slice(8))}</Text> : null}
          {(day ? (byDay.get(day) ?? []) : []).slice(0, 4).map((o) => (
            <Text key={`${o.planId}-${o.assetId}`} className={`pm-cal__visit${o.ticketNumber ? ' pm-cal__visit--made' : ''}`}>
              {nameOf.get(o.planId) ?? `#${o.planId}`} · {o.ticketNumber ?? `${tc('pmAsset')} ${o.assetId}`}
            </Text>
          ))}
          {day && (byDay.get(day)?.length ?? 0) > 4 ? <Text className="pm-cal__more">+{(byDay.get(day)?.length ?? 0) - 4}</Text> : null}
        </View>
      ))}
    </View>
  );
}
