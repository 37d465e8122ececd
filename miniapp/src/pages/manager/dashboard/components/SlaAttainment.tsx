import { View, Text } from '@tarojs/components';
import { SLA_TARGETS, URGENCIES, type KpiReport, type SlaRate, type SlaTargetKind, type Urgency } from '@baoxiu/shared';
import { fmt } from '../../../../i18n/console';
import { ta, type AdminKey } from '../../../../i18n/admin';
import { percent } from '../period';

const TARGET_LABEL: Record<SlaTargetKind, AdminKey> = {
  response: 'dashSlaResponse',
  arrival: 'dashSlaArrival',
  resolution: 'dashSlaResolution',
};
const URGENCY_LABEL: Record<Urgency, AdminKey> = { low: 'dashSlaLow', normal: 'dashSlaNormal', high: 'dashSlaHigh' };

function Cell({ id, rate }: { id: string; rate: SlaRate }) {
  return (
    <td id={id} data-due={rate.due} data-met={rate.met} data-rate={rate.rate === null ? '' : String(rate.rate)}>
      <Text className="dash-sla__rate">{percent(rate.rate)}</Text>
      {rate.due > 0 ? <Text className="dash-card__note">{fmt(ta('dashSlaMetOf'), { met: rate.met, due: rate.due })}</Text> : null}
    </td>
  );
}

/** SLA attainment of the period's tickets per target, in all and by urgency; without targets, a notice instead. */
export function SlaAttainment({ report }: { report: KpiReport }) {
  if (!report.slaPolicy) {
    return (
      <View className="notice" id="dash-sla-none">
        {ta('dashSlaNone')}
      </View>
    );
  }
  const sla = report.totals.sla;
  return (
    <table className="dash-sla" id="dash-sla">
      <thead>
        <tr>
          <th>{ta('dashSlaTarget')}</th>
          <th>{ta('dashSlaAll')}</th>
          {URGENCIES.map((u) => (
            <th key={u}>{ta(URGENCY_LABEL[u])}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SLA_TARGETS.map((k) => (
          <tr key={k} id={`dash-sla-${k}`}>
            <th scope="row">{ta(TARGET_LABEL[k])}</th>
            <Cell id={`dash-sla-${k}-all`} rate={sla[k]} />
            {URGENCIES.map((u) => (
              <Cell key={u} id={`dash-sla-${k}-${u}`} rate={sla[k].byUrgency[u]} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
