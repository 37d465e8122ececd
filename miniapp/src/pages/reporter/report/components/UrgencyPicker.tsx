import { View, Text } from '@tarojs/components';
import { URGENCIES, type Urgency } from '@baoxiu/shared';
import { t, type MessageKey } from '../../../../i18n';

const LABEL: Record<Urgency, MessageKey> = { low: 'urgencyLow', normal: 'urgencyNormal', high: 'urgencyHigh' };
const isH5 = process.env.TARO_ENV === 'h5';

/**
 * Three choices as a radio group. Not NutUI's Radio: it writes WeChat's `aria-role`, which a browser does not
 * know (axe: invalid ARIA attribute), so screen readers in H5 heard no radios. Here H5 gets `role`, WeChat `aria-role`.
 */
function a11y(role: string, extra: Record<string, string | boolean> = {}): Record<string, string | boolean> {
  if (isH5) return { role, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`aria-${k}`, v])) };
  return { ariaRole: role, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`aria${k[0].toUpperCase()}${k.slice(1)}`, v])) };
}

export function UrgencyPicker({ value, onChange }: { value: Urgency; onChange: (u: Urgency) => void }) {
  return (
    <View id="urgency" className="urgency-picker" {...a11y('radiogroup', { label: t('urgency') })}>
      {URGENCIES.map((u) => (
        <View
          key={u}
          className={`urgency-picker__option${u === value ? ' urgency-picker__option--on' : ''}`}
          data-value={u}
          onClick={() => onChange(u)}
          {...a11y('radio', { checked: u === value })}
          {...(isH5 ? { tabIndex: 0 } : {})}
        >
          <Text>{t(LABEL[u])}</Text>
        </View>
      ))}
    </View>
  );
}
