import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import { DUTY_OVERRIDES, WEEKDAYS, type DutyOverride, type Weekday } from '@baoxiu/shared';
import { asApiError, type ApiError } from '../../../../api/errors';
import { getShifts, putShifts, type EngineerShifts } from '../../../../api/shifts';
import type { StaffWechatView } from '../../../../api/wechat-console';
import { fmt, tc, type ConsoleKey } from '../../../../i18n/console';
import { ConsoleDialog } from '../../components/ConsoleDialog';
import { draftOf, officeWeek, serverShiftErrors, shiftsBody, type ShiftDraft, type ShiftErrors } from '../shifts';

const DAY_TEXT: Record<Weekday, ConsoleKey> = {
  mon: 'shiftMon',
  tue: 'shiftTue',
  wed: 'shiftWed',
  thu: 'shiftThu',
  fri: 'shiftFri',
  sat: 'shiftSat',
  sun: 'shiftSun',
};
const OVERRIDE_TEXT: Record<DutyOverride, ConsoleKey> = { none: 'shiftOverrideNone', on: 'shiftOverrideOn', off: 'shiftOverrideOff' };

interface ShiftDialogProps {
  engineer: StaffWechatView;
  /** Admins edit; dispatchers see the same form read-only. */
  canEdit: boolean;
  onClose: () => void;
}

/** An engineer's weekly shift frames (overnight allowed), leave days and the manual on/off override. */
export function ShiftDialog({ engineer, canEdit, onClose }: ShiftDialogProps) {
  const [saved, setSaved] = useState<EngineerShifts | null>(null);
  const [draft, setDraft] = useState<ShiftDraft | null>(null);
  const [errors, setErrors] = useState<ShiftErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    getShifts(engineer.id).then(
      (s) => {
        if (!live) return;
        setSaved(s);
        setDraft(draftOf(s));
      },
      (caught) => {
        if (live) setFailure(asApiError(caught));
      },
    );
    return () => {
      live = false;
    };
  }, [engineer.id]);

  const change = (patch: Partial<ShiftDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const setFrame = (day: Weekday, i: number, patch: Partial<{ start: string; end: string }>) =>
    setDraft((d) => (d ? { ...d, week: { ...d.week, [day]: d.week[day].map((f, j) => (j === i ? { ...f, ...patch } : f)) } } : d));
  const addFrame = (day: Weekday) =>
    setDraft((d) => (d ? { ...d, week: { ...d.week, [day]: [...d.week[day], { start: '09:00', end: '18:00' }] } } : d));
  const removeFrame = (day: Weekday, i: number) =>
    setDraft((d) => (d ? { ...d, week: { ...d.week, [day]: d.week[day].filter((_, j) => j !== i) } } : d));

  const save = async () => {
    if (!draft) return;
    const { body, errors: found } = shiftsBody(draft);
    setErrors(found);
    setFailure(null);
    if (!body) return;
    setBusy(true);
    try {
      const next = await putShifts(engineer.id, body);
      setSaved(next);
      setDraft(draftOf(next));
    } catch (caught) {
      const error = asApiError(caught);
      setErrors(serverShiftErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <>
      <Button id="shift-close" onClick={onClose}>
        {tc('shiftClose')}
      </Button>
      {canEdit && draft ? (
        <Button id="shift-save" type="primary" loading={busy} onClick={() => void save()}>
          {tc('shiftSave')}
        </Button>
      ) : null}
    </>
  );

  return (
    <ConsoleDialog id="shift-dialog" title={fmt(tc('shiftTitle'), { name: engineer.name })} onClose={onClose} footer={footer}>
      {failure ? (
        <View className="notice notice--error" id="shift-error" data-code={failure.code}>
          {failure.message}
        </View>
      ) : null}
      {errors.form ? (
        <View className="notice notice--error" id="shift-form-error">
          {tc(errors.form)}
        </View>
      ) : null}
      {!draft && !failure ? <Loading>{tc('shiftLoading')}</Loading> : null}
      {draft && saved ? (
        <View className="shift-form" id="shift-form" data-on-duty-now={saved.onDutyNow ? 'true' : 'false'}>
          <Text className={`badge${saved.onDutyNow ? ' badge--ok' : ''}`} id="shift-now">
            {fmt(tc(saved.onDutyNow ? 'shiftNowOn' : 'shiftNowOff'), { zone: saved.timezone })}
          </Text>
          <label className="c-check">
            <input
              id="shift-use-pattern"
              type="checkbox"
              checked={draft.usePattern}
              disabled={!canEdit}
              onChange={(e) =>
                change({
                  usePattern: e.target.checked,
                  week: e.target.checked && WEEKDAYS.every((d) => draft.week[d].length === 0) ? officeWeek() : draft.week,
                })
              }
            />
            <span>{tc('shiftUsePattern')}</span>
          </label>
          {draft.usePattern ? null : (
            <Text className="muted-c" id="shift-switch-note">
              {tc('shiftSwitchNote')}
            </Text>
          )}
          {draft.usePattern ? (
            <table className="c-table shift-week" id="shift-week">
              <tbody>
                {WEEKDAYS.map((day) => (
                  <tr key={day} data-day={day}>
                    <th>{tc(DAY_TEXT[day])}</th>
                    <td>
                      {draft.week[day].length === 0 ? <Text className="muted-c">{tc('shiftDayOff')}</Text> : null}
                      {draft.week[day].map((f, i) => {
                        const bad = errors[`${day}.${i}`];
                        return (
                          <View key={i} className="shift-frame" data-frame={`${day}.${i}`}>
                            <input
                              className={`c-input shift-time${bad ? ' c-input--invalid' : ''}`}
                              aria-label={tc('shiftStart')}
                              value={f.start}
                              placeholder="09:00"
                              disabled={!canEdit}
                              onChange={(e) => setFrame(day, i, { start: e.target.value })}
                            />
                            <Text>–</Text>
                            <input
                              className={`c-input shift-time${bad ? ' c-input--invalid' : ''}`}
                              aria-label={tc('shiftEnd')}
                              value={f.end}
                              placeholder="18:00"
                              disabled={!canEdit}
                              onChange={(e) => setFrame(day, i, { end: e.target.value })}
                            />
                            {canEdit ? (
                              <Button size="small" onClick={() => removeFrame(day, i)}>
                                {tc('shiftRemove')}
                              </Button>
                            ) : null}
                            {bad ? <Text className="field__error shift-frame__error">{tc(bad)}</Text> : null}
                          </View>
                        );
                      })}
                      {canEdit ? (
                        <Button size="small" className="shift-add" onClick={() => addFrame(day)}>
                          {tc('shiftAdd')}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Text className="muted-c">{tc('shiftOvernightNote')}</Text>
          <View className="field">
            <span className="field__label">{tc('shiftLeaveDays')}</span>
            <textarea
              id="shift-leave"
              className={`c-input shift-leave${errors.leaveDays ? ' c-input--invalid' : ''}`}
              value={draft.leaveDays}
              placeholder="2026-12-24"
              disabled={!canEdit}
              onChange={(e) => change({ leaveDays: e.target.value })}
            />
            {errors.leaveDays ? (
              <Text className="field__error" id="shift-leave-error">
                {tc(errors.leaveDays)}
              </Text>
            ) : null}
          </View>
          <View className="field">
            <span className="field__label">{tc('shiftOverride')}</span>
            <View role="radiogroup" aria-label={tc('shiftOverride')} className="shift-overrides">
              {DUTY_OVERRIDES.map((o) => (
                <label key={o} className="c-check">
                  <input
                    type="radio"
                    name="dutyOverride"
                    id={`shift-override-${o}`}
                    checked={draft.dutyOverride === o}
                    disabled={!canEdit}
                    onChange={() => change({ dutyOverride: o })}
                  />
                  <span>{tc(OVERRIDE_TEXT[o])}</span>
                </label>
              ))}
            </View>
          </View>
        </View>
      ) : null}
    </ConsoleDialog>
  );
}
