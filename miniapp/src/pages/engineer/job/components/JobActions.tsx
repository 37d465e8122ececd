import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, TextArea } from '@nutui/nutui-react-taro';
import type { StaffTicket } from '../../../../api/jobs';
import { t } from '../../../../i18n';
import { jobActions, type JobAction } from '../actions';

export type { JobAction };

interface JobActionsProps {
  job: StaffTicket;
  busy: boolean;
  onAction: (action: JobAction, reason?: string) => void;
}

/** Only the next steps the shared ticket machine allows an engineer from this status. */
export function JobActions({ job, busy, onAction }: JobActionsProps) {
  const can = jobActions(job.status);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');

  const sendDecline = () => {
    if (!reason.trim()) return setReasonError(t('needReason'));
    setReasonError('');
    onAction('decline', reason.trim());
  };

  return (
    <>
      {declining && can.has('decline') ? (
        <CellGroup title={t('declineReason')}>
          <Cell>
            <TextArea id="decline-reason" value={reason} onChange={setReason} placeholder={t('declinePlaceholder')} maxLength={500} />
          </Cell>
          {reasonError ? (
            <Cell>
              <Text className="form-error">{reasonError}</Text>
            </Cell>
          ) : null}
          <Cell>
            <Button id="send-decline" type="danger" block loading={busy} onClick={sendDecline}>
              {t('sendDecline')}
            </Button>
          </Cell>
        </CellGroup>
      ) : null}
      {/* Sticky at the bottom: on a long job (many photos, a reopen note) the next step stays one tap away. */}
      <View className="job-actions" id="job-actions">
        {can.has('accept') ? (
          <Button id="accept" type="primary" block loading={busy} onClick={() => onAction('accept')}>
            {t('accept')}
          </Button>
        ) : null}
        {can.has('decline') ? (
          <Button id="decline" block fill="outline" onClick={() => setDeclining(true)}>
            {t('decline')}
          </Button>
        ) : null}
        {can.has('travel') ? (
          <Button id="travel" type="primary" block loading={busy} onClick={() => onAction('travel')}>
            {t('travel')}
          </Button>
        ) : null}
        {can.has('arrive') ? (
          <Button id="arrive" type={can.has('travel') ? 'default' : 'primary'} block loading={busy} onClick={() => onAction('arrive')}>
            {t('arrive')}
          </Button>
        ) : null}
        {can.has('resolve') ? (
          <Button id="resolve" type="success" block onClick={() => onAction('resolve')}>
            {t('resolve')}
          </Button>
        ) : null}
        {can.has('resume') ? (
          <Button id="resume" type="primary" block loading={busy} onClick={() => onAction('resume')}>
            {t('resumeWork')}
          </Button>
        ) : null}
        {can.has('wait_customer') ? (
          <Button id="wait-customer" type="default" block loading={busy} onClick={() => onAction('wait_customer')}>
            {t('waitCustomer')}
          </Button>
        ) : null}
      </View>
    </>
  );
}
