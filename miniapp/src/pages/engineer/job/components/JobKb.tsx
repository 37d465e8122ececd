import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { RichText, Text, View } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import type { StaffTicket } from '../../../../api/jobs';
import { draftFromJob, readKbArticle, searchKbForJob, type KbArticlePage, type KbArticleView } from '../../../../api/kb';
import { asApiError, showError } from '../../../../api/errors';
import { t } from '../../../../i18n';

/** The internal knowledge base from a job (its category first), and "turn this fix into an article" once resolved. */
export function JobKb({ job }: { job: StaffTicket }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<KbArticlePage['items'] | null>(null);
  const [open, setOpen] = useState<KbArticleView | null>(null);
  const [drafting, setDrafting] = useState(false);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setFound(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      searchKbForJob(text, job.category).then(
        (page) => setFound(page.items),
        () => setFound(null),
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [q, job.category]);

  const draft = async () => {
    setDrafting(true);
    try {
      await draftFromJob(job.number);
      void Taro.showToast({ title: t('kbJobDrafted'), icon: 'success' });
    } catch (caught) {
      showError(asApiError(caught));
    } finally {
      setDrafting(false);
    }
  };

  return (
    <CellGroup title={t('kbJobTitle')} className="job-kb">
      <Cell>
        <Input id="job-kb-search" value={q} onChange={setQ} placeholder={t('kbJobSearch')} maxLength={100} />
      </Cell>
      {open ? (
        <Cell>
          <View className="job-kb__article" id="job-kb-article" onClick={() => setOpen(null)}>
            <Text className="job-kb__title">{open.title}</Text>
            <RichText nodes={open.html} />
          </View>
        </Cell>
      ) : found ? (
        found.length === 0 ? (
          <Cell>
            <Text className="muted">{t('kbJobNone')}</Text>
          </Cell>
        ) : (
          found.map((a) => (
            <Cell key={a.id} onClick={() => void readKbArticle(a.id).then(setOpen, (e: unknown) => showError(asApiError(e)))}>
              <View className="job-kb__item">
                <Text className="job-kb__title">{a.title}</Text>
                <Text className="muted">{a.excerpt}</Text>
              </View>
            </Cell>
          ))
        )
      ) : null}
      {job.resolution ? (
        <Cell>
          <Button id="job-kb-draft" size="small" fill="outline" loading={drafting} onClick={() => void draft()}>
            {t('kbJobDraft')}
          </Button>
        </Cell>
      ) : null}
    </CellGroup>
  );
}
