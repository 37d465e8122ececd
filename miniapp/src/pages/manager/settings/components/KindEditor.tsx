import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { fieldSourcesOf, type FieldSource, type NotificationKind } from '@baoxiu/shared';
import { tc } from '../../../../i18n/console';
import { MAX_FIELDS, type FieldRow, type KindDraft, type KindErrors } from '../form';

interface KindEditorProps {
  kind: NotificationKind;
  value: KindDraft;
  errors?: KindErrors;
  readOnly: boolean;
  onChange: (value: KindDraft) => void;
}

/** One notification kind: its template id and which value fills each template key. */
export function KindEditor({ kind, value, errors, readOnly, onChange }: KindEditorProps) {
  const setRow = (index: number, patch: Partial<FieldRow>) =>
    onChange({ ...value, fields: value.fields.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const removeRow = (index: number) => onChange({ ...value, fields: value.fields.filter((_, i) => i !== index) });
  // A low-stock message is about a part, the others about a ticket: each kind offers only its own values.
  const sources = fieldSourcesOf(kind);
  const addRow = () => onChange({ ...value, fields: [...value.fields, { key: '', source: sources[0] }] });
  const off = !value.templateId.trim() && value.fields.length === 0;

  return (
    <View className={`kind${off ? ' kind--off' : ''}`} id={`kind-${kind}`} data-kind={kind}>
      <View className="kind__name">
        <Text className="kind__label">{tc(`kind_${kind}`)}</Text>
        <Text className="mono muted-c kind__code">{kind}</Text>
      </View>
      <label className="field kind__id">
        <span className="field__label">{tc('templateId')}</span>
        <input
          id={`kind-${kind}-id`}
          className={`c-input mono${errors?.templateId ? ' c-input--invalid' : ''}`}
          value={value.templateId}
          maxLength={64}
          placeholder={tc('templateIdEmpty')}
          disabled={readOnly}
          onChange={(e) => onChange({ ...value, templateId: e.target.value })}
        />
        {errors?.templateId ? (
          <Text className="field__error" id={`kind-${kind}-id-error`}>
            {errors.templateId}
          </Text>
        ) : null}
      </label>
      <View className="field kind__fields">
        <Text className="field__label">{tc('templateFields')}</Text>
        {value.fields.map((row, index) => (
          <View className="kind__row" key={index}>
            <input
              className={`c-input mono kind__key${errors?.fields ? ' c-input--invalid' : ''}`}
              value={row.key}
              maxLength={24}
              placeholder={tc('fieldKey')}
              disabled={readOnly}
              onChange={(e) => setRow(index, { key: e.target.value })}
            />
            <select
              className="c-select kind__source"
              aria-label={tc('a11yFieldSource')}
              value={row.source}
              disabled={readOnly}
              onChange={(e) => setRow(index, { source: e.target.value as FieldSource })}
            >
              {sources.map((source) => (
                <option key={source} value={source}>
                  {tc(`source_${source}`)}
                </option>
              ))}
            </select>
            {readOnly ? null : (
              <Button size="small" fill="none" onClick={() => removeRow(index)}>
                {tc('remove')}
              </Button>
            )}
          </View>
        ))}
        {readOnly || value.fields.length >= MAX_FIELDS ? null : (
          <Text className="c-link kind__add" id={`kind-${kind}-add`} onClick={addRow}>
            + {tc('fieldAdd')}
          </Text>
        )}
        {errors?.fields ? (
          <Text className="field__error" id={`kind-${kind}-fields-error`}>
            {errors.fields}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
