import { useEffect, useRef, useState } from 'react';
import { RichText, Text, View } from '@tarojs/components';
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro';
import { getPublicArticle, getSuggestions, type KbSuggestion, type PublicKbArticleResponse } from '../../../../api/kb';
import { t } from '../../../../i18n';

/** Wait this long after the last keystroke before asking for suggestions. */
export const SUGGEST_DEBOUNCE_MS = 400;
/** Fewer characters than this say too little to search with. */
const MIN_CHARS = 2;

interface KbSuggestionsProps {
  code: string;
  description: string;
  /** Articles just shown for the first time on this form (suggestion_shown). */
  onShown: (ids: number[]) => void;
  onOpened: (id: number) => void;
  /** "这解决了我的问题": the page records it and files nothing. */
  onResolved: (id: number) => void;
  /** "仍然报修": back to the form, remembering the article looked at. */
  onStillReport: (id: number) => void;
}

type Article = PublicKbArticleResponse['article'];

/** Knowledge-base suggestions under the description, as the reporter types (debounced); one opens in place. */
export function KbSuggestions({ code, description, onShown, onOpened, onResolved, onStillReport }: KbSuggestionsProps) {
  const [items, setItems] = useState<KbSuggestion[]>([]);
  const [open, setOpen] = useState<{ id: number; article: Article | null } | null>(null);
  const seq = useRef(0);
  const shown = useRef(new Set<number>());

  useEffect(() => {
    const q = description.trim();
    const mine = ++seq.current;
    if ([...q].length < MIN_CHARS) {
      setItems([]);
      return undefined;
    }
    const timer = setTimeout(() => {
      getSuggestions(code, q)
        .then((found) => {
          if (mine !== seq.current) return; // an older answer arriving after a newer question
          setItems(found);
          const fresh = found.map((s) => s.id).filter((id) => !shown.current.has(id));
          fresh.forEach((id) => shown.current.add(id));
          if (fresh.length > 0) onShown(fresh);
        })
        .catch(() => undefined); // suggestions are a help, never a blocker
    }, SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [code, description, onShown]);

  const openArticle = (id: number) => {
    setOpen({ id, article: null });
    onOpened(id);
    getPublicArticle(id)
      .then((res) => setOpen((o) => (o && o.id === id ? { id, article: res.article } : o)))
      .catch(() => setOpen(null));
  };

  if (items.length === 0 && !open) return null;
  return (
    <CellGroup title={t('kbSuggestTitle')} className="kb-suggestions">
      {open ? (
        <Cell>
          <View className="kb-article" id="kb-article">
            {open.article ? (
              <>
                <Text className="kb-article__title" id="kb-article-title">
                  {open.article.title}
                </Text>
                <RichText className="kb-article__body" nodes={open.article.html} />
              </>
            ) : (
              <Text className="muted">{t('kbLoadingArticle')}</Text>
            )}
            <View className="kb-article__actions">
              <Button id="kb-resolved" type="success" block onClick={() => onResolved(open.id)}>
                {t('kbResolved')}
              </Button>
              <Button
                id="kb-still-report"
                fill="outline"
                block
                onClick={() => {
                  setOpen(null);
                  onStillReport(open.id);
                }}
              >
                {t('kbStillReport')}
              </Button>
            </View>
          </View>
        </Cell>
      ) : (
        items.map((s) => (
          <Cell key={s.id} className="kb-suggestion" onClick={() => openArticle(s.id)}>
            <View className="kb-suggestion__body" id={`kb-suggestion-${s.id}`}>
              <Text className="kb-suggestion__title">{s.title}</Text>
              <Text className="muted kb-suggestion__excerpt">{s.excerpt}</Text>
            </View>
          </Cell>
        ))
      )}
    </CellGroup>
  );
}
