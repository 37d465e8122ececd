import { Text } from '@tarojs/components';
import type { KpiReport } from '@baoxiu/shared';
import { ta } from '../../../../i18n/admin';
import { percent } from '../period';
import { formatDuration } from './KpiCards';

/** Per engineer: jobs (tickets they hold now), response and repair means, CSAT, reopen rate, offers declined. */
export function Scorecard({ report }: { report: KpiReport }) {
  if (report.groups.length === 0)
    return (
      <Text className="muted-c" id="dash-scorecard-empty">
        {ta('dashEmpty')}
      </Text>
    );
  return (
    <table className="c-table" id="dash-scorecard">
      <thead>
        <tr>
          <th>{ta('dashColEngineer')}</th>
          <th>{ta('dashColJobs')}</th>
          <th>{ta('dashColFirstResponse')}</th>
          <th>{ta('dashColMttr')}</th>
          <th>{ta('dashColCsat')}</th>
          <th>{ta('dashColReopen')}</th>
          <th>{ta('dashColDeclines')}</th>
        </tr>
      </thead>
      <tbody>
        {report.groups.map((g) => (
          <tr
            key={String(g.key)}
            className="dash-score-row"
            data-engineer={g.key === null ? '' : String(g.key)}
            data-jobs={String(g.kpis.volume)}
            data-declines={String(g.kpis.declines)}
          >
            <td>{g.key === null ? <Text className="muted-c">{ta('dashNoEngineer')}</Text> : (g.name ?? `#${String(g.key)}`)}</td>
            <td>{g.kpis.volume}</td>
            <td>{formatDuration(g.kpis.firstResponse)}</td>
            <td>{formatDuration(g.kpis.mttr)}</td>
            <td>{g.kpis.csat.average === null ? '—' : `${g.kpis.csat.average.toFixed(2)} (${g.kpis.csat.rated})`}</td>
            <td>{percent(g.kpis.reopenRate)}</td>
            <td>{g.kpis.declines}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
