import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { Weekday } from '@baoxiu/shared';
import { getMyShifts } from '../../../../api/shifts';
import { t, type MessageKey } from '../../../../i18n';
import { useLoader } from '../../../../lib/use-loader';
import { weekAhead } from '../week';

const WEEKDAY_TEXT: Record<Weekday, MessageKey> = {
  mon: 'weekdayMon',
  tue: 'weekdayTue',
  wed: 'weekdayWed',
  thu: 'weekdayThu',
  fri: 'weekdayFri',
  sat: 'weekdaySat',
  sun: 'weekdaySun',
};

/**
 * The engineer's own shifts for the coming seven days (GET /api/engineers/:id/shifts), read-only: each day's frames
 * of the weekly pattern, leave days, and whether they are on duty now. Folded by default below the sign-out row.
 */
export function MyShifts({ engineerId }: { engineerId: number }) {
  const [open, setOpen] = useState(false);
  const shifts = useLoader(() => getMyShifts(engineerId), [engineerId]);
  const s = shifts.data;
  if (!s) return null;
  const days = weekAhead(s, new Date());
  return (
    <View className="my-shifts" id="my-shifts" data-on-duty-now={s.onDutyNow ? 'true' : 'false'}>
      <View className="my-shifts__head" id="my-shifts-toggle" onClick={() => setOpen(!open)}>
        <Text className="my-shifts__title">{t('myShifts')}</Text>
        <Text className={`my-shifts__now${s.onDutyNow ? ' my-shifts__now--on' : ''}`}>
          {t(s.onDutyNow ? 'myShiftsNowOn' : 'myShiftsNowOff')}
        </Text>
        <Text className="my-shifts__fold">{open ? '▲' : '▼'}</Text>
      </View>
      {open ? (
        <View className="my-shifts__body">
          {s.week ? null : (
            <Text className="my-shifts__note" id="my-shifts-no-pattern">
              {t('myShiftsNoPattern')}
            </Text>
          )}
          {days.map((d, i) => (
            <View
              key={d.day}
              className={`my-shifts__day${d.leave ? ' my-shifts__day--leave' : ''}`}
              data-day={d.day}
              data-leave={d.leave ? 'true' : 'false'}
            >
              <Text className="my-shifts__date">
                {i === 0 ? `${t('myShiftsToday')} · ` : ''}
                {t(WEEKDAY_TEXT[d.weekday])} {d.day.slice(5)}
              </Text>
              <Text className="my-shifts__frames">
                {d.leave
                  ? t('myShiftsLeave')
                  : d.frames.length > 0
                    ? d.frames.map(([a, b]) => `${a}–${b}`).join('、')
                    : s.week
                      ? t('myShiftsOff')
                      : '—'}
              </Text>
            </View>
          ))}
          <Text className="my-shifts__note">{t('myShiftsZone').replace('{zone}', s.timezone)}</Text>
        </View>
      ) : null}
    </View>
  );
}
