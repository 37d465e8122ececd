import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { tc } from '../../../../i18n/console';
import type { CustomRow, CustomType } from '../form';

interface CustomFieldsEditorProps {
  rows: CustomRow[];
  error?: string;
  onChange: (rows: CustomRow[]) => void;
}

const TYPES: { type: CustomType; label: 'typeText' | 'typeNumber' | 'typeBoolean' }[] = [
  { type: 'text', label: 'typeText' },
  { type: 'number', label: 'typeNumber' },
  { type: 'boolean', label: 'typeBoolean' },
];

/** Free name → value pairs (e.g. 制冷量 / 12 kW); the type decides whether the API stores text, a number or yes/no. */
export function CustomFieldsEditor({ rows, error, onChange }: CustomFieldsEditorProps) {
  const update = (index: number, patch: Partial<CustomRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <View className="custom-fields" id="custom-fields">
      {rows.map((row, index) => (
        <View className="custom-fields__row" key={index}>
          <input
            className="c-input custom-fields__key"
            value={row.key}
            placeholder={tc('customName')}
            maxLength={50}
            onChange={(e) => update(index, { key: e.target.value })}
          />
          <select
            className="c-select"
            value={row.type}
            onChange={(e) => {
              const type = e.target.value as CustomType;
              update(index, { type, value: type === 'boolean' ? 'true' : row.value });
            }}
          >
            {TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {tc(t.label)}
              </option>
            ))}
          </select>
          {row.type === 'boolean' ? (
            <select className="c-select custom-fields__value" value={row.value} onChange={(e) => update(index, { value: e.target.value })}>
              <option value="true">{tc('yes')}</option>
              <option value="false">{tc('no')}</option>
            </select>
          ) : (
            <input
              className="c-input custom-fields__value"
              value={row.value}
              inputMode={row.type === 'number' ? 'decimal' : undefined}
              placeholder={tc('customValue')}
              maxLength={500}
              onChange={(e) => update(index, { value: e.target.value })}
            />
          )}
          <Button size="small" fill="none" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {tc('remove')}
          </Button>
        </View>
      ))}
      {error ? (
        <Text className="field__error" id="custom-fields-error">
          {error}
        </Text>
      ) : null}
      <View>
        <Button
          id="custom-add"
          size="small"
          disabled={rows.length >= 30}
          onClick={() => onChange([...rows, { key: '', value: '', type: 'text' }])}
        >
          {tc('customAdd')}
        </Button>
      </View>
    </View>
  );
}
