import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, TextArea } from '@nutui/nutui-react-taro';
import { asApiError, showError } from '../../../api/errors';
import { getJob, getPmVisit, resolveJob, type PmVisit, type StaffTicket } from '../../../api/jobs';
import type { StockLocationView } from '@baoxiu/shared';
import { uploadPhoto } from '../../../api/uploads';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { SignaturePad, type SignatureHandle } from '../../../components/SignaturePad';
import { t, useLang } from '../../../i18n';
import { useTitle } from '../../../lib/use-title';
import { PartsPicker, partsUsedOf, type PickedPart } from './components/PartsPicker';
import { PmChecklist } from './components/PmChecklist';
import { checklistBody, type Answers } from './components/checklist-body';
import { draftPartsOf, pickedPartsOf, readResolveDraft, resolveDraftKey, type ResolveDraft } from './draft';

const loadResolveDraft = (number: string): ResolveDraft => readResolveDraft(Taro.getStorageSync(resolveDraftKey(number)));

/** Notes, photos and the parts picked for the fix; kept in storage until the server has them. */
export function ResolvePage() {
  useLang();
  useTitle('resolveTitle');
  const number = useRouter().params.number ?? '';
  const [draft, setDraft] = useState<Omit<ResolveDraft, 'parts'>>(() => loadResolveDraft(number));
  const [pending, setPending] = useState(0);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  // A preventive job's checklist (null for a repair).
  const [visit, setVisit] = useState<PmVisit | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  // The customer's signature: drawn on the pad, uploaded as a PNG when the fix is sent.
  const signature = useRef<SignatureHandle | null>(null);
  const [signed, setSigned] = useState(false);
  // The job (coverage, accepted quote) and the parts taken from the van.
  const [job, setJob] = useState<StaffTicket | null>(null);
  const [parts, setParts] = useState<PickedPart[]>(() => pickedPartsOf(loadResolveDraft(number).parts));
  const [van, setVan] = useState<StockLocationView | null>(null);

  useEffect(() => {
    const stored: ResolveDraft = { notes: draft.notes, photos: draft.photos, parts: draftPartsOf(parts, van?.id ?? null) };
    Taro.setStorageSync(resolveDraftKey(number), stored);
  }, [number, draft, parts, van]);
  useEffect(() => {
    void getPmVisit(number).then(setVisit);
    void getJob(number)
      .then(setJob)
      .catch(() => undefined);
  }, [number]);

  const submit = async () => {
    if (inFlight.current) return;
    if (!draft.notes.trim()) return setError(t('needNotes'));
    if (pending > 0) return setError(t('waitUploads'));
    setError('');
    inFlight.current = true;
    setBusy(true);
    try {
      const photoIds = draft.photos.map((p) => p.id);
      const signatureFile = signed ? await signature.current?.toFile() : null;
      const signatureUploadId = signatureFile ? (await uploadPhoto(signatureFile, () => undefined)).id : undefined;
      await resolveJob(number, {
        notes: draft.notes.trim(),
        photoIds,
        partsUsed: partsUsedOf(parts, van),
        ...(signatureUploadId ? { signatureUploadId } : {}),
        ...(visit ? { checklist: checklistBody(visit, answers, photoIds) } : {}),
      });
      Taro.removeStorageSync(resolveDraftKey(number));
      void Taro.showToast({ title: t('done'), icon: 'success' });
      void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/pages/engineer/job/index?number=${encodeURIComponent(number)}` }));
    } catch (caught) {
      const apiError = asApiError(caught);
      setError(apiError.message);
      showError(apiError);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <View className="page resolve">
      <CellGroup title={`${t('notes')} · ${number}`}>
        <Cell>
          <TextArea
            id="resolve-notes"
            value={draft.notes}
            onChange={(notes) => setDraft((d) => ({ ...d, notes }))}
            placeholder={t('notesPlaceholder')}
            maxLength={2000}
            showCount
            autoSize
          />
        </Cell>
      </CellGroup>
      <PartsPicker job={job} value={parts} onChange={setParts} onVan={setVan} />
      {visit ? <PmChecklist visit={visit} answers={answers} onChange={setAnswers} /> : null}
      <CellGroup title={`${t('photos')}（${t('photosHint')}）`}>
        <Cell>
          <PhotoPicker
            idPrefix="resolve-photos"
            value={draft.photos}
            onChange={(photos) => setDraft((d) => ({ ...d, photos }))}
            onPendingChange={setPending}
          />
        </Cell>
      </CellGroup>
      <CellGroup title={t('signatureTitle')}>
        <Cell>
          <SignaturePad
            handle={signature}
            onInk={setSigned}
            label={t('signatureTitle')}
            clearLabel={t('signatureClear')}
            hint={t('signatureHint')}
          />
        </Cell>
      </CellGroup>
      {error ? (
        <Text className="form-error" id="resolve-error">
          {error}
        </Text>
      ) : null}
      <View className="actions">
        <Button id="send-resolve" type="success" block loading={busy} onClick={() => void submit()}>
          {t('sendResolve')}
        </Button>
      </View>
    </View>
  );
}

export default ResolvePage;
