import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, TextArea } from '@nutui/nutui-react-taro';
import type { StaffTicket } from '../../../../api/jobs';
import { t } from '../../../../i18n';

export type JobAction = 'accept' | 'decline' | 'travel' | 'arrive' | 'resolve';

interface JobActionsProps {
  job: StaffTicket;
  busy: boolean;
  onAction: (action: JobAction, reason?: string) => void;
}

/** Only the next steps the ticket machine allows from this status. */
export function JobActions({ job, busy, onAction }: JobActionsProps) {
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');

  const sendDecline = () => {
    if (!reason.trim()) return setReasonError(t('needReason'));
    setReasonError('');
    onAction('decline', reason.trim());
  };

  const accepting = job.status === 'offered';
  return (
    <>
      {declining && accepting ? (
        <CellGroup title={t('declineReason')}>
          <Cell>
            <TextArea id="decline-reason" value={reason} onChange={setReason} placeholder={t('declinePlaceholder')} maxLength={500} />
          </Cell>
          {reasonError ? <Cell><Text className="form-error">{reasonError}</Text></Cell> : null}
          <Cell>
            <Button id="send-decline" type="danger" block loading={busy} onClick={sendDecline}>{t('sendDecline')}</Button>
          </Cell>
        </CellGroup>
      ) : null}
      {/* Sticky at the bottom: on a long job (many photos, a reopen note) the next step stays one tap away. */}
      <View className="job-actions" id="job-actions">
        {accepting ? (
          <>
            <Button id="accept" type="primary" block loading={busy} onClick={() => onAction('accept')}>{t('accept')}</Button>
            <Button id="decline" block fill="outline" onClick={() => setDeclining(true)}>{t('decline')}</Button>
          </>
        ) : null}
        {job.status === 'accepted' ? (
          <Button id="travel" type="primary" block loading={busy} onClick={() => onAction('travel')}>{t('travel')}</Button>
        ) : null}
        {job.status === 'accepted' || job.status === 'en_route' ? (
          <Button id="arrive" type={job.status === 'en_route' ? 'primary' : 'default'} block loading={busy} onClick={() => onAction('arrive')}>
            {t('arrive')}
          </Button>
        ) : null}
        {job.status === 'on_site' ? (
          <Button id="resolve" type="success" block onClick={() => onAction('resolve')}>{t('resolve')}</Button>
        ) : null}
      </View>
    </>
  );
}
