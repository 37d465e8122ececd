import { useEffect, useMemo, useState, type ComponentType } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { asApiError, showError } from '../../../api/errors';
import { saveFile } from '../../../api/console';
import { exportKpis, getKpis, type KpiFilter } from '../../../api/reports';
import { getTenantSettings } from '../../../api/staff';
import { PageState } from '../../../components/PageState';
import { fmt, useLang } from '../../../i18n/console';
import { ta, type AdminKey } from '../../../i18n/admin';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell } from '../components/ConsoleShell';
import { dashboardCharts, type ChartSpec } from './chart-options';
import { KpiCards } from './components/KpiCards';
import { PmOverdueCount } from './components/PmOverdueCount';
import { Scorecard } from './components/Scorecard';
import { SlaAttainment } from './components/SlaAttainment';
import { customPeriod, presetPeriod, PRESETS, todayIn, type Period, type Preset } from './period';
import './index.css';

type ChartsComponent = ComponentType<{ specs: ChartSpec[]; titles: Record<string, string> }>;

const PRESET_LABEL: Record<Preset, AdminKey> = {
  today: 'dashToday',
  d7: 'dashDays7',
  d30: 'dashDays30',
  d90: 'dashDays90',
  custom: 'dashCustom',
};

async function loadReports(filter: KpiFilter) {
  const [byDay, bySite, byCategory, byEngineer] = await Promise.all(
    (['day', 'site', 'category', 'engineer'] as const).map((groupBy) => getKpis(filter, groupBy)),
  );
  return { byDay, bySite, byCategory, byEngineer };
}

/** The console's landing page: the period's KPIs, charts and engineer scorecard, in the tenant's time zone. */
export function ConsoleDashboardPage() {
  useLang();
  const settings = useLoader(getTenantSettings, []);
  const zone = settings.data?.settings.timezone ?? null;
  const [preset, setPreset] = useState<Preset>('d30');
  const [custom, setCustom] = useState<Period>({ from: '', to: '' });
  const [customError, setCustomError] = useState(false);
  const [period, setPeriod] = useState<Period | null>(null);
  const [Charts, setCharts] = useState<ChartsComponent | null>(null);
  const [chartsError, setChartsError] = useState('');
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    if (zone && !period) setPeriod(presetPeriod('d30', todayIn(zone)));
  }, [zone, period]);
  // ECharts is fetched only here, after the figures are asked for, so no other page ever downloads it.
  useEffect(() => {
    import('./components/Charts').then((m) => setCharts(() => m.Charts)).catch((e: unknown) => setChartsError(String(e)));
  }, []);

  const reports = useLoader(() => (period ? loadReports(period) : Promise.resolve(null)), [period?.from, period?.to], period !== null);

  const choose = (next: Preset) => {
    setPreset(next);
    setCustomError(false);
    if (next !== 'custom' && zone) setPeriod(presetPeriod(next, todayIn(zone)));
    if (next === 'custom' && period && !custom.from) setCustom(period);
  };
  const applyCustom = () => {
    const chosen = customPeriod(custom.from, custom.to);
    setCustomError(chosen === null);
    if (chosen) setPeriod(chosen);
  };
  const download = async () => {
    if (!period || exporting) return;
    setExporting(true);
    try {
      saveFile(await exportKpis(period));
    } catch (caught) {
      showError(asApiError(caught));
    } finally {
      setExporting(false);
    }
  };

  const data = reports.data;
  const specs = useMemo(
    () =>
      data
        ? dashboardCharts(data, {
            volume: ta('dashSeriesVolume'),
            resolved: ta('dashSeriesResolved'),
            firstResponse: ta('dashSeriesFirstResponse'),
            mttr: ta('dashSeriesMttr'),
            noCategory: ta('dashNoCategory'),
            csat: ta('dashChartCsat'),
            stars: (n) => fmt(ta('dashStars'), { n }),
          })
        : [],
    [data],
  );
  const titles: Record<string, string> = {
    'chart-volume': ta('dashChartVolume'),
    'chart-trend': ta('dashChartTrend'),
    'chart-site': ta('dashChartSite'),
    'chart-category': ta('dashChartCategory'),
    'chart-csat': ta('dashChartCsat'),
  };

  const actions = (
    <Button id="dash-export" size="small" loading={exporting} disabled={!period} onClick={() => void download()}>
      {ta(exporting ? 'dashExporting' : 'dashExport')}
    </Button>
  );

  return (
    <ConsoleShell section="dashboard" title={ta('dashTitle')} actions={actions}>
      <View className="panel dash-period" id="dash-period">
        <Text className="field__label">{ta('dashPeriod')}</Text>
        <View className="dash-presets" role="group" aria-label={ta('dashPeriod')}>
          {PRESETS.map((p) => (
            <Button key={p} id={`dash-preset-${p}`} size="small" type={preset === p ? 'primary' : 'default'} onClick={() => choose(p)}>
              {ta(PRESET_LABEL[p])}
            </Button>
          ))}
        </View>
        {preset === 'custom' ? (
          <View className="dash-custom">
            <label className="dash-custom__field">
              <span>{ta('dashFrom')}</span>
              <input
                id="dash-from"
                type="date"
                className="c-input"
                value={custom.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </label>
            <label className="dash-custom__field">
              <span>{ta('dashTo')}</span>
              <input
                id="dash-to"
                type="date"
                className="c-input"
                value={custom.to}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </label>
            <Button id="dash-apply" size="small" type="primary" onClick={applyCustom}>
              {ta('dashApply')}
            </Button>
            {customError ? (
              <Text className="field__error" id="dash-range-error">
                {ta('dashBadRange')}
              </Text>
            ) : null}
          </View>
        ) : null}
        {period && zone ? (
          <Text className="muted-c dash-zone" id="dash-zone" data-zone={zone} data-from={period.from} data-to={period.to}>
            {fmt(ta('dashZone'), { zone, from: period.from, to: period.to })}
          </Text>
        ) : null}
      </View>
      <PageState
        loading={settings.loading || reports.loading}
        error={settings.error ?? reports.error}
        data={data}
        onRetry={() => void (settings.error ? settings.reload() : reports.reload())}
      >
        {(r) => (
          // A native div: focusable (Taro's View takes no tabIndex), so a keyboard alone can scroll the figures.
          <div id="dash-body" tabIndex={0} aria-label={ta('dashTitle')} data-loading={reports.loading ? 'true' : 'false'}>
            {reports.error ? <View className="notice notice--error">{reports.error.message}</View> : null}
            <KpiCards report={r.byDay} />
            <PmOverdueCount />
            {r.byDay.totals.volume === 0 ? (
              <View className="notice" id="dash-empty">
                {ta('dashEmpty')}
              </View>
            ) : null}
            {chartsError ? (
              <View className="notice notice--error" id="dash-charts-error">
                {ta('dashChartsFailed')}
                {chartsError}
              </View>
            ) : null}
            {Charts ? (
              <Charts specs={specs} titles={titles} />
            ) : chartsError ? null : (
              <Text className="muted-c">{ta('dashChartsLoading')}</Text>
            )}
            <View className="panel" id="dash-sla-panel">
              <Text className="panel__title">{ta('dashSla')}</Text>
              <SlaAttainment report={r.byDay} />
            </View>
            <View className="panel">
              <Text className="panel__title">{ta('dashScorecard')}</Text>
              <Scorecard report={r.byEngineer} />
            </View>
          </div>
        )}
      </PageState>
    </ConsoleShell>
  );
}

export default ConsoleDashboardPage;
