import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Rate, TextArea } from '@nutui/nutui-react-taro';
import { canTransition } from '@baoxiu/shared';
import { asApiError } from '../../../../api/errors';
import { confirmTicket, rateTicket, reopenTicket, type TrackedTicket } from '../../../../api/tickets';
import { t } from '../../../../i18n';

interface ReporterActionsProps {
  token: string;
  ticket: TrackedTicket;
  onUpdated: (ticket: TrackedTicket) => void;
  /** Runs first in the "not fixed" tap: WeChat's subscription dialog for the messages of the repair's next round. */
  beforeReopen?: () => Promise<unknown>;
}

/** Confirm / "not fixed" once resolved, then the rating; inputs survive a failed call. */
export function ReporterActions({ token, ticket, onUpdated, beforeReopen }: ReporterActionsProps) {
  const [busy, setBusy] = useState(false);
  const [showReopen, setShowReopen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [score, setScore] = useState(0);
  const [scoreError, setScoreError] = useState('');
  const [comment, setComment] = useState('');

  const run = async (call: () => Promise<{ ticket: TrackedTicket }>) => {
    if (busy) return;
    setBusy(true);
    try {
      onUpdated((await call()).ticket);
      setShowReopen(false);
    } catch (caught) {
      asApiError(caught); // the request wrapper already showed the message
    } finally {
      setBusy(false);
    }
  };

  const sendReopen = () => {
    if (!reason.trim()) return setReasonError(t('needReason'));
    setReasonError('');
    const send = () => void run(() => reopenTicket(token, { reason: reason.trim() }));
    if (beforeReopen)
      void beforeReopen()
        .catch(() => undefined)
        .finally(send);
    else send();
  };

  const sendRating = () => {
    if (score < 1) return setScoreError(t('needStars'));
    setScoreError('');
    void run(() => rateTicket(token, { score, comment: comment.trim() || undefined }));
  };

  // A follower (same problem, someone else's request) may watch but not confirm, reopen or rate: the server answers 403.
  const follower = ticket.viewer === 'follower';
  const canRate = !follower && (ticket.status === 'resolved' || ticket.status === 'closed') && !ticket.rating;
  return (
    <View className="reporter-actions">
      {follower ? (
        <CellGroup>
          <Cell>
            <Text className="muted" id="follower-note">
              {t('followerNote')}
            </Text>
          </Cell>
        </CellGroup>
      ) : null}
      {!follower && canTransition('confirm', ticket.status, 'reporter') ? (
        <View className="actions">
          <Button id="confirm" type="success" block loading={busy} onClick={() => void run(() => confirmTicket(token))}>
            {t('confirmFixed')}
          </Button>
          <Button id="not-fixed" block fill="outline" onClick={() => setShowReopen(true)}>
            {t('notFixed')}
          </Button>
        </View>
      ) : null}
      {showReopen && !follower ? (
        <CellGroup title={t('reopenReason')}>
          <Cell>
            <TextArea id="reopen-reason" value={reason} onChange={setReason} placeholder={t('reopenPlaceholder')} maxLength={500} />
          </Cell>
          {reasonError ? (
            <Cell>
              <Text className="form-error">{reasonError}</Text>
            </Cell>
          ) : null}
          <Cell>
            <Button id="send-reopen" type="danger" block loading={busy} onClick={sendReopen}>
              {t('sendReopen')}
            </Button>
          </Cell>
        </CellGroup>
      ) : null}
      {canRate ? (
        <CellGroup title={t('rateTitle')}>
          <Cell>
            <View id="rating">
              <Rate value={score} onChange={setScore} count={5} />
            </View>
          </Cell>
          {scoreError ? (
            <Cell>
              <Text className="form-error" id="rating-error">
                {scoreError}
              </Text>
            </Cell>
          ) : null}
          <Cell>
            <TextArea id="rating-comment" value={comment} onChange={setComment} placeholder={t('ratingComment')} maxLength={500} />
          </Cell>
          <Cell>
            <Button id="send-rating" type="primary" block loading={busy} onClick={sendRating}>
              {t('sendRating')}
            </Button>
          </Cell>
        </CellGroup>
      ) : null}
      {ticket.rating ? (
        <CellGroup title={t('rated')}>
          <Cell>
            <View id="rated" data-score={String(ticket.rating.score)}>
              <Rate value={ticket.rating.score} readOnly count={5} />
              {ticket.rating.comment ? <Text className="muted">{ticket.rating.comment}</Text> : null}
            </View>
          </Cell>
        </CellGroup>
      ) : null}
    </View>
  );
}
