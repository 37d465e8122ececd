import { useState, type ReactNode } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { LABEL_LAYOUT_IDS, MAX_WXACODE_LABELS } from '@baoxiu/shared';
import { saveFile } from '../../../api/console';
import { asApiError, type ApiError } from '../../../api/errors';
import { printLabels, type LabelLayoutId, type LabelSheet, type LabelsBody } from '../../../api/labels';
import { listSites } from '../../../api/sites';
import { fmt, tc, useLang } from '../../../i18n/console';
import { useSelection } from '../../../lib/console-selection';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, goBackOr } from '../components/ConsoleShell';
import { PublicUrlNotice } from '../components/PublicUrlNotice';
import { Field } from '../components/Field';
import { SheetPreview } from './components/SheetPreview';
import './index.css';

type Source = 'one' | 'selection' | 'site' | 'all';
/** qr: any camera opens it; wxacode: WeChat's mini-program code, which only WeChat reads. */
type CodeKind = NonNullable<LabelsBody['code']>;

const LAYOUT_LABEL: Record<LabelLayoutId, 'layoutA4_3x8' | 'layoutA4_2x5' | 'layoutThermal50' | 'layoutThermal60'> = {
  'a4-3x8': 'layoutA4_3x8',
  'a4-2x5': 'layoutA4_2x5',
  'thermal-50x30': 'layoutThermal50',
  'thermal-60x40': 'layoutThermal60',
};

/** Label sheets: one asset (reprint), the list's selection, a site, or everything; preview page 1, then download. */
export function ConsoleLabelsPage() {
  useLang();
  const reprint = useRouter().params.code ?? '';
  const selection = useSelection();
  const [source, setSource] = useState<Source>(reprint ? 'one' : selection.length ? 'selection' : 'site');
  const [siteId, setSiteId] = useState('');
  const [layout, setLayout] = useState<LabelLayoutId>('a4-3x8');
  const [code, setCode] = useState<CodeKind>('qr');
  const [sheet, setSheet] = useState<LabelSheet | null>(null);
  const [pages, setPages] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const sites = useLoader(listSites, []);

  // Any change of what or how to print makes the preview stale.
  const change = (apply: () => void) => {
    apply();
    setSheet(null);
    setPages(0);
    setError(null);
  };

  const body = (): LabelsBody | string => {
    if (source === 'one') return { layout, code, assetCodes: [reprint] };
    if (source === 'selection') return selection.length ? { layout, code, assetCodes: selection.map((a) => a.code) } : tc('selectionEmpty');
    if (source === 'site') return siteId ? { layout, code, siteId: Number(siteId) } : tc('chooseSite');
    return { layout, code };
  };

  const preview = async () => {
    const request = body();
    if (typeof request === 'string') return void Taro.showToast({ title: request, icon: 'none' });
    if (busy) return;
    setBusy(true);
    setError(null);
    setSheet(null);
    try {
      setSheet(await printLabels(request));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const radio = (value: Source, label: string, extra?: ReactNode) => (
    <label className="labels__source" key={value}>
      <input
        type="radio"
        name="label-source"
        id={`source-${value}`}
        checked={source === value}
        onChange={() => change(() => setSource(value))}
      />
      <span>{label}</span>
      {extra}
    </label>
  );

  return (
    <ConsoleShell section="labels" title={tc('navLabels')}>
      <PublicUrlNotice />
      <View className="labels">
        <View className="panel labels__options">
          <View className="field">
            <Text className="field__label">{tc('labelWhat')}</Text>
            <View className="labels__sources">
              {reprint ? radio('one', `${tc('sourceOne')} ${reprint}`) : null}
              {radio(
                'selection',
                fmt(tc('sourceSelection'), { count: selection.length }),
                <Text className="c-link" onClick={() => goBackOr(routes.consoleAssets)}>
                  {tc('editSelection')}
                </Text>,
              )}
              {radio(
                'site',
                tc('sourceSite'),
                <select
                  id="labels-site"
                  aria-label={tc('a11yLabelSite')}
                  className="c-select"
                  value={siteId}
                  onChange={(e) =>
                    change(() => {
                      setSiteId(e.target.value);
                      setSource('site');
                    })
                  }
                >
                  <option value="">{sites.loading ? tc('loading') : tc('chooseSite')}</option>
                  {(sites.data ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>,
              )}
              {radio('all', tc('sourceAll'))}
            </View>
          </View>
          {source === 'selection' && selection.length > 0 ? (
            <Text className="muted-c labels__names" id="labels-selection">
              {selection
                .slice(0, 8)
                .map((a) => a.name)
                .join('、')}
              {selection.length > 8 ? ` … (+${selection.length - 8})` : ''}
            </Text>
          ) : null}
          <Field label={tc('labelLayout')}>
            <select
              id="labels-layout"
              aria-label={tc('a11yLabelLayout')}
              className="c-select"
              value={layout}
              onChange={(e) => change(() => setLayout(e.target.value as LabelLayoutId))}
            >
              {LABEL_LAYOUT_IDS.map((id) => (
                <option key={id} value={id}>
                  {tc(LAYOUT_LABEL[id])}
                </option>
              ))}
            </select>
          </Field>
          <View className="field">
            <Text className="field__label">{tc('labelCode')}</Text>
            <View className="labels__codes">
              {(['qr', 'wxacode'] as const).map((value) => (
                <label className="labels__source" key={value}>
                  <input
                    type="radio"
                    name="label-code"
                    id={`code-${value}`}
                    checked={code === value}
                    onChange={() => change(() => setCode(value))}
                  />
                  <span>{tc(value === 'qr' ? 'codeQr' : 'codeWxacode')}</span>
                </label>
              ))}
            </View>
            <Text className={code === 'wxacode' ? 'notice labels__code-hint' : 'muted-c labels__code-hint'} id="labels-code-hint">
              {fmt(tc('codeWxacodeHint'), { max: MAX_WXACODE_LABELS })}
            </Text>
          </View>
          <View className="toolbar labels__buttons">
            <Button id="labels-preview" type="primary" loading={busy} onClick={() => void preview()}>
              {tc('previewSheet')}
            </Button>
            <Button
              id="labels-download"
              disabled={!sheet || pages === 0}
              onClick={() => sheet && saveFile({ blob: sheet.blob, filename: sheet.filename })}
            >
              {tc('downloadPdf')}
            </Button>
          </View>
          {error ? (
            <View className="notice notice--error" id="labels-error" data-code={error.code}>
              {error.message}
            </View>
          ) : null}
          <Text className="muted-c">{tc('labelsHint')}</Text>
        </View>
        <View className="panel labels__preview">
          {sheet ? (
            <SheetPreview pdf={sheet.blob} labels={sheet.count} onPages={setPages} />
          ) : (
            <Text className="muted-c" id="sheet-none">
              {busy ? tc('generating') : tc('previewEmpty')}
            </Text>
          )}
        </View>
      </View>
    </ConsoleShell>
  );
}

export default ConsoleLabelsPage;
