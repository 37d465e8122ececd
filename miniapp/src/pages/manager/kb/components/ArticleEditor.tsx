import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { KB_STATUSES, KB_VISIBILITIES, type KbStatus, type KbVisibility } from '@baoxiu/shared';
import { asApiError, type ApiError } from '../../../../api/errors';
import { previewKb, type KbArticleView } from '../../../../api/kb-console';
import { tc, type ConsoleKey } from '../../../../i18n/console';
import { Field } from '../../components/Field';

export interface ArticleDraft {
  title: string;
  body: string;
  categories: string[];
  models: string[];
  tags: string[];
  status: KbStatus;
  visibility: KbVisibility;
}

const splitList = (text: string) => [
  ...new Set(
    text
      .split(/[,，、\n]/)
      .map((w) => w.trim())
      .filter((w) => w.length > 0),
  ),
];

interface ArticleEditorProps {
  initial: KbArticleView | null;
  onSave: (draft: ArticleDraft) => Promise<void>;
  onCancel: () => void;
}

/** Title, Markdown body, scope lists, status and visibility; "Preview" renders through the server's safe renderer. */
export function ArticleEditor({ initial, onSave, onCancel }: ArticleEditorProps) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [categories, setCategories] = useState((initial?.categories ?? []).join(', '));
  const [models, setModels] = useState((initial?.models ?? []).join(', '));
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [status, setStatus] = useState<KbStatus>(initial?.status ?? 'draft');
  const [visibility, setVisibility] = useState<KbVisibility>(initial?.visibility ?? 'internal');
  const [html, setHtml] = useState<string | null>(initial ? initial.html : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const preview = async () => {
    try {
      setHtml(await previewKb(body));
    } catch (caught) {
      setError(asApiError(caught));
    }
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await onSave({
        title: title.trim(),
        body,
        categories: splitList(categories),
        models: splitList(models),
        tags: splitList(tags),
        status,
        visibility,
      });
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="kb-editor" id="kb-editor">
      <Text className="panel__title">{initial ? tc('kbEditing') : tc('kbNew')}</Text>
      {initial?.sourceTicket ? (
        <Text className="muted-c">
          {tc('kbFromTicket')} {initial.sourceTicket}
        </Text>
      ) : null}
      <Field label={tc('kbTitle')} required>
        <input className="c-input" id="kb-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <View className="kb-editor__split">
        <Field label={tc('kbBody')} className="kb-editor__body">
          <textarea className="c-textarea" id="kb-body" rows={16} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <View className="kb-editor__preview">
          <Button id="kb-preview" size="small" onClick={() => void preview()}>
            {tc('kbPreview')}
          </Button>
          {html === null ? (
            <Text className="muted-c">{tc('kbPreviewEmpty')}</Text>
          ) : (
            // The server's renderer escapes raw HTML and refuses unsafe links: this is the HTML reporters get.
            <div className="kb-editor__html" id="kb-preview-html" dangerouslySetInnerHTML={{ __html: html }} />
          )}
        </View>
      </View>
      <View className="kb-editor__row">
        <Field label={tc('kbCategories')}>
          <input className="c-input" id="kb-categories" value={categories} onChange={(e) => setCategories(e.target.value)} />
        </Field>
        <Field label={tc('kbModels')}>
          <input className="c-input" id="kb-models" value={models} onChange={(e) => setModels(e.target.value)} />
        </Field>
        <Field label={tc('kbTags')}>
          <input className="c-input" id="kb-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
        </Field>
      </View>
      <View className="kb-editor__row">
        <Field label={tc('kbStatus')}>
          <select className="c-select" id="kb-status" value={status} onChange={(e) => setStatus(e.target.value as KbStatus)}>
            {KB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tc(`kbStatus_${s}` as ConsoleKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={tc('kbVisibility')}>
          <select
            className="c-select"
            id="kb-visibility"
            value={visibility}
            onChange={(e) => setVisibility(e.target.value as KbVisibility)}
          >
            {KB_VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {tc(`kbVisibility_${v}` as ConsoleKey)}
              </option>
            ))}
          </select>
        </Field>
      </View>
      {error ? (
        <View className="notice notice--error" id="kb-editor-error">
          {error.message}
        </View>
      ) : null}
      <View className="kb-editor__row">
        <Button id="kb-save" type="primary" loading={saving} disabled={title.trim() === ''} onClick={() => void save()}>
          {tc('kbSave')}
        </Button>
        <Button id="kb-cancel" fill="none" onClick={onCancel}>
          {tc('kbCancel')}
        </Button>
      </View>
    </View>
  );
}
