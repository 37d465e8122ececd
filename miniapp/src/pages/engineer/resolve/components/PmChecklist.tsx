import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import type { PmChecklistAnswer } from '@baoxiu/shared';
import type { PmVisit } from '../../../../api/jobs';
import { t } from '../../../../i18n';
import './PmChecklist.css';

export type Answers = Record<string, PmChecklistAnswer['value']>;

interface PmChecklistProps {
  visit: PmVisit;
  answers: Answers;
  onChange: (answers: Answers) => void;
}

/** The answers for the resolve body: photo items take the resolve's photos in order (the first photo item the first photo). */
export function checklistBody(visit: PmVisit, answers: Answers, photoIds: string[]): PmChecklistAnswer[] {
  let photo = 0;
  return visit.checklist.flatMap((item) => {
    if (item.kind === 'photo') {
      const id = photoIds[photo++];
      return id ? [{ itemId: item.id, value: id }] : [];
    }
    const value = answers[item.id];
    if (value === undefined || value === '') return [];
    if (item.kind === 'number') return Number.isFinite(Number(value)) ? [{ itemId: item.id, value: Number(value) }] : [{ itemId: item.id, value }];
    return [{ itemId: item.id, value }];
  });
}

/** A preventive job's checklist: pass/fail checks, readings with their normal range, notes; photos come from below. */
export function PmChecklist({ visit, answers, onChange }: PmChecklistProps) {
  const set = (id: string, value: PmChecklistAnswer['value']) => onChange({ ...answers, [id]: value });
  return (
    <CellGroup title={`${t('pmChecklist')} · ${visit.planName}`}>
      {visit.checklist.map((item) => (
        <Cell key={item.id}>
          <View className="pm-item" id={`pm-item-${item.id}`}>
            <Text className="pm-item__label">{item.label}{item.required ? ' *' : ''}</Text>
            {item.kind === 'check' ? (
              <View className="pm-item__choices">
                <Button size="small" type={answers[item.id] === true ? 'success' : 'default'} onClick={() => set(item.id, true)}>{t('pmPass')}</Button>
                <Button size="small" type={answers[item.id] === false ? 'danger' : 'default'} onClick={() => set(item.id, false)}>{t('pmFail')}</Button>
              </View>
            ) : null}
            {item.kind === 'number' ? (
              <Input type="digit" value={String(answers[item.id] ?? '')} placeholder={`${item.min ?? ''}–${item.max ?? ''}`} onChange={(v) => set(item.id, v)} />
            ) : null}
            {item.kind === 'text' ? <Input value={String(answers[item.id] ?? '')} maxLength={2000} onChange={(v) => set(item.id, v)} /> : null}
            {item.kind === 'photo' ? <Text className="pm-item__hint">{t('pmPhotoHint')}</Text> : null}
          </View>
        </Cell>
      ))}
    </CellGroup>
  );
}
