import { useState, type FormEvent } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PM_HOLIDAY_POLICIES, type PmChecklistItemInput, type PmHolidayPolicy } from '@baoxiu/shared';
import { asApiError } from '../../../../api/errors';
import type { PmPlan, PmPlanBody } from '../../../../api/pm';
import { tc } from '../../../../i18n/console';
import { Field } from '../../components/Field';

interface PlanFormProps {
  id: string;
  initial?: PmPlan;
  onSave: (body: PmPlanBody) => Promise<void>;
  onCancel?: () => void;
}

type Kind = PmChecklistItemInput['kind'];
interface Row {
  id?: string;
  label: string;
  kind: Kind;
  min: string;
  max: string;
  required: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);
const rowOf = (i: PmPlan['checklist'][number]): Row => ({
  id: i.id,
  label: i.label,
  kind: i.kind,
  min: i.min?.toString() ?? '',
  max: i.max?.toString() ?? '',
  required: i.required,
});
const num = (s: string): number | undefined => (s.trim() === '' || !Number.isFinite(Number(s)) ? undefined : Number(s));

/** A plan: its name, whom it covers, the RRULE, holidays, lead time and the checklist (item ids kept on edit). */
export function PlanForm({ id, initial, onSave, onCancel }: PlanFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [rrule, setRrule] = useState(initial?.rrule ?? 'FREQ=MONTHLY;BYMONTHDAY=1');
  const [startsOn, setStartsOn] = useState(initial?.startsOn ?? today());
  const [basedOn, setBasedOn] = useState<'schedule' | 'completion'>(initial?.basedOn ?? 'schedule');
  const [leadDays, setLeadDays] = useState(String(initial?.leadDays ?? 3));
  const [policy, setPolicy] = useState<PmHolidayPolicy>(initial?.holidayPolicy ?? 'forward');
  const [siteId, setSiteId] = useState(initial?.target.siteId?.toString() ?? '');
  const [category, setCategory] = useState(initial?.target.category ?? '');
  const [assetIds, setAssetIds] = useState(initial?.target.assetIds?.join(', ') ?? '');
  const [rows, setRows] = useState<Row[]>(initial?.checklist.map(rowOf) ?? []);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const setRow = (i: number, change: Partial<Row>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...change } : r)));
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!name.trim()) return setError(tc('pmNeedName'));
    const ids = assetIds
      .split(/[\s,，]+/)
      .filter(Boolean)
      .map(Number);
    if (ids.some((n) => !Number.isInteger(n) || n <= 0)) return setError(tc('pmBadAssetIds'));
    setBusy(true);
    setError('');
    try {
      await onSave({
        name: name.trim(),
        rrule: rrule.trim(),
        startsOn,
        basedOn,
        leadDays: Number(leadDays) || 0,
        holidayPolicy: policy,
        target: {
          ...(ids.length ? { assetIds: ids } : {}),
          ...(num(siteId) ? { siteId: num(siteId) } : {}),
          ...(category.trim() ? { category: category.trim() } : {}),
        },
        checklist: rows
          .filter((r) => r.label.trim())
          .map((r) => ({
            ...(r.id ? { id: r.id } : {}),
            label: r.label.trim(),
            kind: r.kind,
            required: r.required,
            ...(r.kind === 'number' && num(r.min) !== undefined ? { min: num(r.min) } : {}),
            ...(r.kind === 'number' && num(r.max) !== undefined ? { max: num(r.max) } : {}),
          })),
      });
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="pm-form" id={id} onSubmit={(e) => void submit(e)}>
      <View className="pm-form__grid">
        <Field label={tc('pmName')} required>
          <input className="c-input" name="name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={tc('pmRrule')} required>
          <input className="c-input" name="rrule" value={rrule} maxLength={500} onChange={(e) => setRrule(e.target.value)} />
        </Field>
        <Field label={tc('pmStartsOn')} required>
          <input className="c-input" name="startsOn" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
        </Field>
        <Field label={tc('pmBasedOn')}>
          <select
            className="c-input"
            name="basedOn"
            value={basedOn}
            onChange={(e) => setBasedOn(e.target.value as 'schedule' | 'completion')}
          >
            <option value="schedule">{tc('pmBasedOnSchedule')}</option>
            <option value="completion">{tc('pmBasedOnCompletion')}</option>
          </select>
        </Field>
        <Field label={tc('pmLeadDays')}>
          <input
            className="c-input"
            name="leadDays"
            type="number"
            min={0}
            max={365}
            value={leadDays}
            onChange={(e) => setLeadDays(e.target.value)}
          />
        </Field>
        <Field label={tc('pmHolidayPolicy')}>
          <select className="c-input" name="holidayPolicy" value={policy} onChange={(e) => setPolicy(e.target.value as PmHolidayPolicy)}>
            {PM_HOLIDAY_POLICIES.map((p) => (
              <option key={p} value={p}>
                {tc(`pmPolicy_${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={tc('pmTargetAssets')}>
          <input className="c-input" name="assetIds" value={assetIds} placeholder="12, 13" onChange={(e) => setAssetIds(e.target.value)} />
        </Field>
        <Field label={tc('pmTargetSite')}>
          <input className="c-input" name="siteId" value={siteId} onChange={(e) => setSiteId(e.target.value)} />
        </Field>
        <Field label={tc('pmTargetCategory')}>
          <input className="c-input" name="category" value={category} maxLength={60} onChange={(e) => setCategory(e.target.value)} />
        </Field>
      </View>
      <Text className="panel__title">{tc('pmChecklist')}</Text>
      {rows.map((r, i) => (
        <View className="pm-form__item" key={r.id ?? `new-${i}`}>
          <input
            className="c-input pm-form__label"
            value={r.label}
            maxLength={200}
            placeholder={tc('pmItemLabel')}
            onChange={(e) => setRow(i, { label: e.target.value })}
          />
          <select className="c-input" value={r.kind} onChange={(e) => setRow(i, { kind: e.target.value as Kind })}>
            {(['check', 'number', 'text', 'photo'] as const).map((k) => (
              <option key={k} value={k}>
                {tc(`pmKind_${k}`)}
              </option>
            ))}
          </select>
          {r.kind === 'number' ? (
            <>
              <input
                className="c-input pm-form__num"
                value={r.min}
                placeholder="min"
                onChange={(e) => setRow(i, { min: e.target.value })}
              />
              <input
                className="c-input pm-form__num"
                value={r.max}
                placeholder="max"
                onChange={(e) => setRow(i, { max: e.target.value })}
              />
            </>
          ) : null}
          <label className="pm-form__req">
            <input type="checkbox" checked={r.required} onChange={(e) => setRow(i, { required: e.target.checked })} />
            {tc('pmRequired')}
          </label>
          <Button size="small" fill="none" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
            {tc('delete')}
          </Button>
        </View>
      ))}
      <View className="pm-form__actions">
        <Button
          size="small"
          fill="outline"
          onClick={() => setRows([...rows, { label: '', kind: 'check', min: '', max: '', required: true }])}
        >
          {tc('pmAddItem')}
        </Button>
        <button type="submit" className="c-hidden" />
        <Button className="pm-form__save" size="small" type="primary" loading={busy} onClick={() => void submit()}>
          {initial ? tc('save') : tc('pmCreate')}
        </Button>
        {onCancel ? (
          <Button size="small" fill="none" onClick={onCancel}>
            {tc('cancel')}
          </Button>
        ) : null}
      </View>
      {error ? <Text className="field__error pm-form__error">{error}</Text> : null}
    </form>
  );
}
