import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { EngineerChoice } from '../../../../api/desk';
import { PageState } from '../../../../components/PageState';
import { fmt, tc } from '../../../../i18n/console';
import { useLoader } from '../../../../lib/use-loader';
import { listEngineerChoices } from '../../../../api/desk';
import { ConsoleDialog } from '../../components/ConsoleDialog';

/** The engineer picker: skills, sites, duty, open jobs and WeChat reach, those who cover the job first. */
export function AssignDialog({
  number,
  busy,
  onPick,
  onClose,
}: {
  number: string;
  busy: boolean;
  onPick: (e: EngineerChoice) => void;
  onClose: () => void;
}) {
  const choices = useLoader(() => listEngineerChoices(number), [number]);
  return (
    <ConsoleDialog id="assign-dialog" title={tc('pickEngineer')} onClose={onClose}>
      <PageState
        loading={choices.loading}
        error={choices.error}
        data={choices.data}
        onRetry={() => void choices.reload()}
        isEmpty={(d) => d.length === 0}
        emptyText={tc('noEngineers')}
      >
        {(items) => (
          <table className="c-table" id="assign-choices">
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-engineer={e.id} data-eligible={String(e.eligible)}>
                  <td>
                    <strong>{e.name}</strong>
                    {!e.eligible ? <View className="muted-c">{tc('engineerNotEligible')}</View> : null}
                  </td>
                  <td>{e.skills.length > 0 ? e.skills.join('、') : tc('noSkills')}</td>
                  <td>{e.sites.length > 0 ? e.sites.map((s) => s.name).join('、') : tc('allSitesCovered')}</td>
                  <td>
                    <span className={`badge ${e.onDuty ? 'badge--ok' : 'badge--warn'}`}>
                      {tc(e.onDuty ? 'engineerOnDuty' : 'engineerOffDuty')}
                    </span>
                  </td>
                  <td>{fmt(tc('engineerOpenJobs'), { n: e.openJobs })}</td>
                  <td>
                    {e.wechatCredit === null ? (
                      '—'
                    ) : (
                      <span className={`badge ${e.wechatCredit ? 'badge--ok' : 'badge--error'}`}>
                        {tc(e.wechatCredit ? 'engineerWechatOk' : 'engineerNoWechat')}
                      </span>
                    )}
                  </td>
                  <td>
                    <Button id={`assign-${e.id}`} size="small" type="primary" disabled={busy} onClick={() => onPick(e)}>
                      {tc('actionAssign')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PageState>
    </ConsoleDialog>
  );
}
