import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import type { PmChecklistAnswer } from '@baoxiu/shared';
import type { PmVisit } from '../../../../api/jobs';
import { t } from '../../../../i18n';
import type { Answers } from './checklist-body';
import './PmChecklist.css';

interface PmChecklistProps {
  visit: PmVisit;
  answers: Answers;
  onChange: (answers: Answers) => void;
}

/** A preventive job's checklist: pass/fail checks, readings with their normal range, notes; photos come from below. */
export function PmChecklist({ visit, answers, onChange }: PmChecklistProps) {
  const set = (id: string, value: PmChecklistAnswer['value']) => onChange({ ...answers, [id]: value });
  return (
    <CellGroup title={`${t('pmChecklist')} · ${visit.planName}`}>
      {visit.checklist.map((item) => (
        <Cell key={item.id}>
          <View className="pm-item" id={`pm-item-${item.id}`}>
            <Text className="pm-item__label">
              {item.label}
              {item.required ? ' *' : ''}
            </Text>
            {item.kind === 'check' ? (
              <View className="pm-item__choices">
                <Button size="small" type={answers[item.id] === true ? 'success' : 'default'} onClick={() => set(item.id, true)}>
                  {t('pmPass')}
                </Button>
                <Button size="small" type={answers[item.id] === false ? 'danger' : 'default'} onClick={() => set(item.id, false)}>
                  {t('pmFail')}
                </Button>
              </View>
            ) : null}
            {item.kind === 'number' ? (
              <Input
                type="digit"
                value={String(answers[item.id] ?? '')}
                placeholder={`${item.min ?? ''}–${item.max ?? ''}`}
                onChange={(v) => set(item.id, v)}
              />
            ) : null}
            {item.kind === 'text' ? (
              <Input value={String(answers[item.id] ?? '')} maxLength={2000} onChange={(v) => set(item.id, v)} />
            ) : null}
            {item.kind === 'photo' ? <Text className="pm-item__hint">{t('pmPhotoHint')}</Text> : null}
          </View>
        </Cell>
      ))}
    </CellGroup>
  );
}
