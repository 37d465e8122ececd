import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { createAsset, getAsset, listAssets, updateAsset, type AssetView } from '../../../api/asset-registry';
import { asApiError } from '../../../api/errors';
import { listSites } from '../../../api/sites';
import { PageState } from '../../../components/PageState';
import { tc, useLang } from '../../../i18n/console';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, goBackOr } from '../components/ConsoleShell';
import { Field } from '../components/Field';
import { CustomFieldsEditor } from './components/CustomFieldsEditor';
import { buildBody, draftOf, emptyDraft, serverFieldErrors, type AssetDraft, type DraftField, type FieldErrors } from './form';
import './index.css';

type TextField = Exclude<DraftField, 'customFields' | 'siteId'>;

/** Create (no `id`) or edit an asset; what was typed stays in the form whatever the server answers. */
export function ConsoleAssetEditPage() {
  useLang();
  const { params } = useRouter();
  const id = Number(params.id) || 0;
  const editing = id > 0;
  const [draft, setDraft] = useState<AssetDraft | null>(editing ? null : emptyDraft(Number(params.siteId) || undefined));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const sites = useLoader(listSites, []);
  const original = useLoader<AssetView | null>(async () => (editing ? (await getAsset(id)).asset : null), [id]);
  useEffect(() => {
    if (original.data && !draft) setDraft(draftOf(original.data));
  }, [original.data, draft]);

  // Locations are free text: offer the ones already used in this site, so "3F 机房" is not typed five ways.
  const siteId = Number(draft?.siteId) || 0;
  const neighbours = useLoader(async () => (siteId ? (await listAssets({ siteId }, 1, 100)).items : []), [siteId]);
  const suggestions = useMemo(() => {
    const items = neighbours.data ?? [];
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
    return { locations: distinct(items.map((a) => a.location)), categories: distinct(items.map((a) => a.category)) };
  }, [neighbours.data]);

  const set = (patch: Partial<AssetDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const save = async () => {
    if (!draft || busy) return;
    const built = buildBody(draft);
    setErrors(built.errors ?? {});
    setFormError('');
    if (!built.body) return;
    setBusy(true);
    try {
      const saved = editing ? await updateAsset(id, built.body) : await createAsset(built.body);
      void Taro.showToast({ title: tc('saved'), icon: 'success' });
      // An edit goes back to the asset's page (it reloads on show); a new asset opens its own page.
      if (editing) goBackOr(routes.consoleAsset(saved.id));
      else void Taro.redirectTo({ url: routes.consoleAsset(saved.id) });
    } catch (caught) {
      const error = asApiError(caught);
      setErrors(serverFieldErrors(error));
      setFormError(error.message);
    } finally {
      setBusy(false);
    }
  };

  const textField = (field: TextField, label: string, extra: { required?: boolean; list?: string; max?: number } = {}) => (
    <Field label={label} error={errors[field]} required={extra.required}>
      <input
        id={`asset-${field}`}
        className={`c-input${errors[field] ? ' c-input--invalid' : ''}`}
        value={draft?.[field] ?? ''}
        list={extra.list}
        maxLength={extra.max ?? 100}
        onChange={(e) => set({ [field]: e.target.value })}
      />
    </Field>
  );

  return (
    <ConsoleShell section="assets" title={editing ? tc('editAsset') : tc('newAsset')}>
      <PageState loading={original.loading} error={original.error} data={draft} onRetry={() => void original.reload()}>
        {(form) => (
          <form
            className="panel"
            id="asset-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            {formError ? (
              <View className="notice notice--error" id="asset-form-error">
                {formError}
              </View>
            ) : null}
            <View className="form-grid">
              <Field label={tc('colSite')} error={errors.siteId ?? sites.error?.message} required>
                <select
                  id="asset-siteId"
                  className={`c-select${errors.siteId ? ' c-input--invalid' : ''}`}
                  value={form.siteId}
                  onChange={(e) => set({ siteId: e.target.value })}
                >
                  <option value="">{sites.loading ? tc('loading') : tc('chooseSite')}</option>
                  {(sites.data ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </Field>
              {textField('name', tc('colName'), { required: true })}
              {textField('location', tc('colLocation'), { list: 'asset-location-list' })}
              {textField('category', tc('colCategory'), { list: 'asset-category-list', max: 50 })}
              {textField('model', tc('fieldModel'))}
              {textField('serial', tc('fieldSerial'))}
              <Field label={tc('colWarranty')} error={errors.warrantyUntil}>
                <input
                  id="asset-warrantyUntil"
                  className={`c-input${errors.warrantyUntil ? ' c-input--invalid' : ''}`}
                  type="date"
                  value={form.warrantyUntil}
                  onChange={(e) => set({ warrantyUntil: e.target.value })}
                />
              </Field>
              {textField('externalId', tc('fieldExternalId'))}
              <View className="field asset-form__wide">
                <Text className="field__label">{tc('customFields')}</Text>
                <CustomFieldsEditor rows={form.custom} error={errors.customFields} onChange={(custom) => set({ custom })} />
              </View>
            </View>
            <datalist id="asset-location-list">
              {suggestions.locations.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
            <datalist id="asset-category-list">
              {suggestions.categories.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
            <button type="submit" className="c-hidden" />
            <View className="asset-form__buttons">
              <Button id="asset-save" type="primary" loading={busy} onClick={() => void save()}>
                {tc('save')}
              </Button>
              <Button id="asset-cancel" fill="none" onClick={() => goBackOr(editing ? routes.consoleAsset(id) : routes.consoleAssets)}>
                {tc('cancel')}
              </Button>
            </View>
          </form>
        )}
      </PageState>
    </ConsoleShell>
  );
}

export default ConsoleAssetEditPage;
