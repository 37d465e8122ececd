import { View, Text } from '@tarojs/components';
import type { KpiDuration, KpiReport } from '@baoxiu/shared';
import { fmt } from '../../../../i18n/console';
import { ta, type AdminKey } from '../../../../i18n/admin';
import { durationParts, percent } from '../period';

export function formatDuration(d: KpiDuration): string {
  if (d.avgSeconds === null) return ta('dashNone');
  const { n, unit } = durationParts(d.avgSeconds);
  return fmt(ta(unit), { n });
}

interface Card {
  id: string;
  label: AdminKey;
  value: string;
  /** The raw figure, for tests: a count, seconds, a rate. */
  raw: number | null;
  note?: string;
  tone?: 'alert' | 'warn';
}

function cardsOf(r: KpiReport): Card[] {
  const k = r.totals;
  const count = (d: KpiDuration) => fmt(ta('dashCountOf'), { count: d.count });
  return [
    { id: 'kpi-volume', label: 'dashKpiVolume', value: String(k.volume), raw: k.volume },
    {
      id: 'kpi-first-response',
      label: 'dashKpiFirstResponse',
      value: formatDuration(k.firstResponse),
      raw: k.firstResponse.avgSeconds,
      note: count(k.firstResponse),
    },
    {
      id: 'kpi-arrive',
      label: 'dashKpiArrive',
      value: formatDuration(k.timeToArrive),
      raw: k.timeToArrive.avgSeconds,
      note: count(k.timeToArrive),
    },
    { id: 'kpi-mttr', label: 'dashKpiMttr', value: formatDuration(k.mttr), raw: k.mttr.avgSeconds, note: count(k.mttr) },
    {
      id: 'kpi-reopen',
      label: 'dashKpiReopen',
      value: percent(k.reopenRate),
      raw: k.reopenRate,
      note: fmt(ta('dashCountOf'), { count: k.reopened }),
    },
    {
      id: 'kpi-csat',
      label: 'dashKpiCsat',
      value: k.csat.average === null ? ta('dashNone') : `${k.csat.average.toFixed(2)} / 5`,
      raw: k.csat.average,
      note: fmt(ta('dashRated'), { count: k.csat.rated }),
    },
    {
      id: 'kpi-backlog',
      label: 'dashKpiBacklog',
      value: String(r.now.openBacklog),
      raw: r.now.openBacklog,
      note: ta('dashKpiBacklogNote'),
    },
    {
      id: 'kpi-awaiting',
      label: 'dashKpiAwaiting',
      value: String(r.now.awaitingDispatcher),
      raw: r.now.awaitingDispatcher,
      note: ta('dashKpiBacklogNote'),
      tone: r.now.awaitingDispatcher > 0 ? 'alert' : undefined,
    },
  ];
}

/** The period's headline figures, and the queue as it stands now. */
export function KpiCards({ report }: { report: KpiReport }) {
  return (
    <View className="dash-cards" id="dash-cards">
      {cardsOf(report).map((c) => (
        <View
          key={c.id}
          id={c.id}
          className={`dash-card${c.tone ? ` dash-card--${c.tone}` : ''}`}
          data-raw={c.raw === null ? '' : String(c.raw)}
        >
          <Text className="dash-card__label">{ta(c.label)}</Text>
          <Text className="dash-card__value">{c.value}</Text>
          {c.note ? <Text className="dash-card__note">{c.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}
