import { View, Text } from '@tarojs/components';
import type { ApiError } from '../../../../api/errors';
import { fmt, tc } from '../../../../i18n/console';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Why the whole file was refused, with the specifics the server gave (missing columns, limits…). */
export function FileError({ error }: { error: ApiError }) {
  const d = error.details;
  const lines: string[] = [];
  if (list(d.missing).length) lines.push(`${tc('headersMissing')} ${list(d.missing).join('、')}`);
  if (list(d.duplicate).length) lines.push(`${tc('headersDuplicate')} ${list(d.duplicate).join('、')}`);
  if (list(d.invalid).length) lines.push(`${tc('headersInvalid')} ${list(d.invalid).join('、')}`);
  if (num(d.maxCustomFields) !== null) lines.push(fmt(tc('tooManyCustom'), { max: num(d.maxCustomFields) ?? 0 }));
  if (num(d.maxRows) !== null) lines.push(fmt(tc('tooManyRows'), { max: num(d.maxRows) ?? 0, rows: num(d.rows) ?? 0 }));
  if (num(d.maxBytes) !== null) lines.push(fmt(tc('tooManyBytes'), { max: Math.round((num(d.maxBytes) ?? 0) / 1048576) }));
  if (typeof d.hint === 'string') lines.push(d.hint);
  return (
    <View className="notice notice--error" id="import-error" data-code={error.code}>
      <Text className="notice__title">{error.message}</Text>
      {lines.map((line) => (
        <Text key={line} className="notice__line">
          {line}
        </Text>
      ))}
    </View>
  );
}
