import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { KB_STATUSES, KB_VISIBILITIES, type KbStatus, type KbVisibility } from '@baoxiu/shared';
import {
  createKbArticle,
  getKbArticle,
  getKbDeflection,
  getKbSynonyms,
  listKbArticles,
  putKbSynonyms,
  updateKbArticle,
  type KbArticleView,
} from '../../../api/kb-console';
import { asApiError, showError } from '../../../api/errors';
import { PageState } from '../../../components/PageState';
import { tc, useLang, type ConsoleKey } from '../../../i18n/console';
import { formatTime } from '../../../lib/time';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell } from '../components/ConsoleShell';
import { Pager } from '../components/Pager';
import { ArticleEditor, type ArticleDraft } from './components/ArticleEditor';
import './index.css';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** Knowledge base: the article list with search and filters, the editor with preview, synonyms and deflection. */
export function ConsoleKbPage() {
  useLang();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<KbStatus | ''>('');
  const [visibility, setVisibility] = useState<KbVisibility | ''>('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<KbArticleView | 'new' | null>(null);
  const articles = useLoader(
    () =>
      listKbArticles({ q: q.trim() || undefined, status: status || undefined, visibility: visibility || undefined, page, pageSize: 20 }),
    [q, status, visibility, page],
  );
  const deflection = useLoader(() => getKbDeflection(isoDay(new Date(Date.now() - 29 * 86_400_000)), isoDay(new Date())), []);
  const synonyms = useLoader(getKbSynonyms, []);
  const [synonymText, setSynonymText] = useState<string | null>(null);

  const open = async (id: number) => {
    try {
      setEditing(await getKbArticle(id));
    } catch (caught) {
      showError(asApiError(caught));
    }
  };
  const save = async (draft: ArticleDraft) => {
    if (editing === 'new') await createKbArticle(draft);
    else if (editing) await updateKbArticle(editing.id, { ...draft, version: editing.version });
    void Taro.showToast({ title: tc('saved'), icon: 'success' });
    setEditing(null);
    await articles.reload();
  };
  const saveSynonyms = async () => {
    const groups = (synonymText ?? '')
      .split('\n')
      .map((line) => line.split(/[\s,，、]+/).filter((w) => w.length > 0))
      .filter((g) => g.length > 0);
    try {
      await putKbSynonyms(groups);
      setSynonymText(null);
      await synonyms.reload();
      void Taro.showToast({ title: tc('saved'), icon: 'success' });
    } catch (caught) {
      showError(asApiError(caught));
    }
  };

  return (
    <ConsoleShell
      section="kb"
      title={tc('navKb')}
      actions={
        <Button id="kb-new" type="primary" size="small" onClick={() => setEditing('new')}>
          {tc('kbNew')}
        </Button>
      }
    >
      {editing ? (
        <View className="panel">
          <ArticleEditor
            key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
            initial={editing === 'new' ? null : editing}
            onSave={save}
            onCancel={() => setEditing(null)}
          />
        </View>
      ) : null}
      <View className="panel">
        <View className="kb-filters">
          <input
            className="c-input c-input--search"
            id="kb-search"
            aria-label={tc('kbSearch')}
            placeholder={tc('kbSearch')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
          />
          <select
            className="c-select"
            id="kb-filter-status"
            aria-label={tc('kbStatus')}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as KbStatus | '');
              setPage(1);
            }}
          >
            <option value="">{tc('kbStatusAll')}</option>
            {KB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tc(`kbStatus_${s}` as ConsoleKey)}
              </option>
            ))}
          </select>
          <select
            className="c-select"
            id="kb-filter-visibility"
            aria-label={tc('kbVisibility')}
            value={visibility}
            onChange={(e) => {
              setVisibility(e.target.value as KbVisibility | '');
              setPage(1);
            }}
          >
            <option value="">{tc('kbVisibilityAll')}</option>
            {KB_VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {tc(`kbVisibility_${v}` as ConsoleKey)}
              </option>
            ))}
          </select>
        </View>
        <PageState
          loading={articles.loading}
          error={articles.error}
          data={articles.data}
          onRetry={() => void articles.reload()}
          isEmpty={(p) => p.items.length === 0}
          emptyText={tc('kbNoArticles')}
        >
          {(p) => (
            <View>
              <table className="c-table" id="kb-table">
                <thead>
                  <tr>
                    <th>{tc('kbTitle')}</th>
                    <th>{tc('kbStatus')}</th>
                    <th>{tc('kbVisibility')}</th>
                    <th>{tc('kbScope')}</th>
                    <th>{tc('kbUpdated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((a) => (
                    <tr key={a.id} className="kb-row" data-id={String(a.id)} onClick={() => void open(a.id)}>
                      <td>
                        <Text className="kb-row__title">{a.title}</Text>
                        <Text className="muted-c kb-row__excerpt">{a.excerpt}</Text>
                      </td>
                      <td>{tc(`kbStatus_${a.status}` as ConsoleKey)}</td>
                      <td>{tc(`kbVisibility_${a.visibility}` as ConsoleKey)}</td>
                      <td>{[...a.models, ...a.categories].join('、') || tc('kbGeneral')}</td>
                      <td>{formatTime(a.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager id="kb-pager" page={p.page} pageSize={p.pageSize} total={p.total} onPage={setPage} />
            </View>
          )}
        </PageState>
      </View>
      <View className="kb-side">
        <View className="panel" id="kb-deflection">
          <Text className="panel__title">{tc('kbDeflection')}</Text>
          {deflection.data ? (
            <View className="kb-kpis">
              <View className="kb-kpi">
                <Text className="kb-kpi__value" id="kb-rate">
                  {percent(deflection.data.total.rate)}
                </Text>
                <Text className="muted-c">{tc('kbDeflectionRate')}</Text>
              </View>
              <View className="kb-kpi">
                <Text className="kb-kpi__value">{deflection.data.total.confirmed}</Text>
                <Text className="muted-c">{tc('kbConfirmed')}</Text>
              </View>
              <View className="kb-kpi">
                <Text className="kb-kpi__value">{deflection.data.total.pending}</Text>
                <Text className="muted-c">{tc('kbPending')}</Text>
              </View>
              <View className="kb-kpi">
                <Text className="kb-kpi__value">{deflection.data.total.reverted}</Text>
                <Text className="muted-c">{tc('kbReverted')}</Text>
              </View>
              <View className="kb-kpi">
                <Text className="kb-kpi__value">{deflection.data.total.submittedAnyway}</Text>
                <Text className="muted-c">{tc('kbSubmittedAnyway')}</Text>
              </View>
              <View className="kb-kpi">
                <Text className="kb-kpi__value">{deflection.data.total.abandoned}</Text>
                <Text className="muted-c">{tc('kbAbandoned')}</Text>
              </View>
            </View>
          ) : null}
        </View>
        <View className="panel" id="kb-synonyms">
          <Text className="panel__title">{tc('kbSynonyms')}</Text>
          <View className="kb-side__stack">
            <Text className="muted-c">{tc('kbSynonymsHint')}</Text>
            <textarea
              className="c-textarea"
              id="kb-synonyms-text"
              aria-label={tc('kbSynonyms')}
              rows={5}
              value={synonymText ?? (synonyms.data?.groups ?? []).map((g) => g.join(' ')).join('\n')}
              onChange={(e) => setSynonymText(e.target.value)}
            />
            <Button id="kb-synonyms-save" size="small" disabled={synonymText === null} onClick={() => void saveSynonyms()}>
              {tc('kbSynonymsSave')}
            </Button>
          </View>
        </View>
      </View>
    </ConsoleShell>
  );
}

export default ConsoleKbPage;
