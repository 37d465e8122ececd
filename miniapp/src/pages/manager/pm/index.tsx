import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { createPmPlan, getPmCompliance, listPmOccurrences, listPmPlans, updatePmPlan, type PmPlan, type PmPlanBody } from '../../../api/pm';
import { PageState } from '../../../components/PageState';
import { tc, useLang } from '../../../i18n/console';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell } from '../components/ConsoleShell';
import { PlanForm } from './components/PlanForm';
import { PmCalendar } from './components/PmCalendar';
import { PmOverdue } from './components/PmOverdue';
import './index.css';

const thisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;
const shift = (month: string, by: number) => {
  const d = new Date(`${month}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + by, 1)).toISOString().slice(0, 10);
};
const lastDay = (month: string) => new Date(Date.parse(`${shift(month, 1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Preventive maintenance: the plans, a month of visits (projected and generated), compliance, and the overdue visits (paged). */
export function ConsolePmPage() {
  useLang();
  const [month, setMonth] = useState(thisMonth);
  const [editing, setEditing] = useState<number | null>(null);
  const plans = useLoader(listPmPlans, []);
  const visits = useLoader(() => listPmOccurrences(month, lastDay(month)), [month]);
  const compliance = useLoader(() => getPmCompliance(shift(month, -2), lastDay(month)), [month]);

  const add = async (body: PmPlanBody) => {
    await createPmPlan(body);
    void Taro.showToast({ title: tc('saved'), icon: 'success' });
    await Promise.all([plans.reload(), visits.reload()]);
  };
  const save = async (plan: PmPlan, body: PmPlanBody) => {
    await updatePmPlan(plan.id, body);
    setEditing(null);
    await Promise.all([plans.reload(), visits.reload()]);
  };
  const toggle = async (plan: PmPlan) => {
    await updatePmPlan(plan.id, { active: !plan.active });
    await Promise.all([plans.reload(), visits.reload()]);
  };

  return (
    <ConsoleShell section="pm" title={tc('navPm')}>
      <View className="panel">
        <Text className="panel__title">{tc('pmNewPlan')}</Text>
        <PlanForm id="pm-plan-new" onSave={add} />
      </View>
      <View className="panel">
        <PageState
          loading={plans.loading}
          error={plans.error}
          data={plans.data}
          onRetry={() => void plans.reload()}
          isEmpty={(l) => l.length === 0}
          emptyText={tc('pmNoPlans')}
        >
          {(list) => (
            <table className="c-table" id="pm-plan-table">
              <thead>
                <tr>
                  <th>{tc('pmName')}</th>
                  <th>{tc('pmRrule')}</th>
                  <th>{tc('pmHolidayPolicy')}</th>
                  <th>{tc('pmLeadDays')}</th>
                  <th>{tc('pmChecklist')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((plan) =>
                  editing === plan.id ? (
                    <tr key={plan.id}>
                      <td colSpan={6}>
                        <PlanForm
                          id={`pm-plan-edit-${plan.id}`}
                          initial={plan}
                          onSave={(b) => save(plan, b)}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={plan.id} className={`pm-plan-row${plan.active ? '' : ' pm-plan-row--paused'}`} data-id={String(plan.id)}>
                      <td>{plan.name}</td>
                      <td>
                        <code>{plan.rrule}</code>
                      </td>
                      <td>{tc(`pmPolicy_${plan.holidayPolicy}`)}</td>
                      <td>{plan.leadDays}</td>
                      <td>{plan.checklist.length}</td>
                      <td>
                        <Button size="small" fill="none" onClick={() => setEditing(plan.id)}>
                          {tc('edit')}
                        </Button>
                        <Button size="small" fill="none" onClick={() => void toggle(plan)}>
                          {tc(plan.active ? 'pmPause' : 'pmResume')}
                        </Button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          )}
        </PageState>
      </View>
      <View className="panel">
        <View className="pm-month">
          <Button size="small" fill="none" onClick={() => setMonth(shift(month, -1))}>
            ‹
          </Button>
          <Text className="panel__title" id="pm-month">
            {month.slice(0, 7)}
          </Text>
          <Button size="small" fill="none" onClick={() => setMonth(shift(month, 1))}>
            ›
          </Button>
        </View>
        <PageState loading={visits.loading} error={visits.error} data={visits.data} onRetry={() => void visits.reload()}>
          {(items) => <PmCalendar month={month} items={items} plans={plans.data ?? []} />}
        </PageState>
      </View>
      <View className="panel">
        <Text className="panel__title">{tc('pmCompliance')}</Text>
        <PageState loading={compliance.loading} error={compliance.error} data={compliance.data} onRetry={() => void compliance.reload()}>
          {(c) => (
            <View>
              <table className="c-table" id="pm-compliance">
                <thead>
                  <tr>
                    <th>{tc('siteName')}</th>
                    <th>{tc('pmTargetCategory')}</th>
                    <th>{tc('pmDue')}</th>
                    <th>{tc('pmOnTime')}</th>
                    <th>{tc('pmLate')}</th>
                    <th>%</th>
                  </tr>
                </thead>
                <tbody>
                  {c.rows.map((r) => (
                    <tr key={`${r.siteId}-${r.category ?? ''}`}>
                      <td>{r.site}</td>
                      <td>{r.category ?? '—'}</td>
                      <td>{r.due}</td>
                      <td>{r.doneOnTime}</td>
                      <td>{r.doneLate}</td>
                      <td>{r.compliancePct ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </View>
          )}
        </PageState>
      </View>
      <PmOverdue />
    </ConsoleShell>
  );
}

export default ConsolePmPage;
