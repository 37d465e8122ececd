import { useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CONTRACT_COVERAGES, type ContractCoverage } from '@baoxiu/shared';
import { asApiError } from '../../../api/errors';
import { createContract, listContracts, updateContract, type ContractView } from '../../../api/quotes';
import { getAsset } from '../../../api/asset-registry';
import { listSites } from '../../../api/sites';
import { PageState } from '../../../components/PageState';
import { tc, useLang, type ConsoleKey } from '../../../i18n/console';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell } from '../components/ConsoleShell';
import { AssetPicker, pickedAssetOf, type PickedAsset } from './components/AssetPicker';
import './index.css';

const COVERAGE_LABEL: Record<ContractCoverage, ConsoleKey> = {
  parts: 'contractCoverageParts',
  labour: 'contractCoverageLabour',
  both: 'contractCoverageBoth',
};

interface Draft {
  number: string;
  subject: 'asset' | 'site';
  asset: PickedAsset | null;
  siteId: string;
  coverage: ContractCoverage;
  startsOn: string;
  endsOn: string;
  notes: string;
}

const EMPTY: Draft = { number: '', subject: 'site', asset: null, siteId: '', coverage: 'both', startsOn: '', endsOn: '', notes: '' };
const draftOf = (c: ContractView): Draft => ({
  number: c.number,
  subject: c.assetId ? 'asset' : 'site',
  asset: null, // looked up when editing starts (the list carries the id only)
  siteId: c.siteId ? String(c.siteId) : '',
  coverage: c.coverage,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  notes: c.notes ?? '',
});

/** 维保合同: service contracts per asset or site — they decide a new ticket's coverage. */
export function ConsoleContractsPage() {
  useLang();
  const [siteFilter, setSiteFilter] = useState('');
  const contracts = useLoader(() => listContracts(siteFilter ? { siteId: Number(siteFilter) } : {}), [siteFilter]);
  const sites = useLoader(listSites, []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<number | null>(null);
  // The contract whose asset is being looked up: an answer for one left since is dropped.
  const lookingUp = useRef<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const siteName = (id: number | null) => (id === null ? '' : (sites.data?.find((s) => s.id === id)?.name ?? `#${id}`));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async () => {
    const subjectId = draft.subject === 'asset' ? (draft.asset?.id ?? 0) : Number(draft.siteId);
    if (!draft.number.trim() || !Number.isInteger(subjectId) || subjectId < 1 || !draft.startsOn || !draft.endsOn) {
      return setMessage({ ok: false, text: tc('contractNeedFields') });
    }
    const body = {
      number: draft.number.trim(),
      assetId: draft.subject === 'asset' ? subjectId : null,
      siteId: draft.subject === 'site' ? subjectId : null,
      coverage: draft.coverage,
      startsOn: draft.startsOn,
      endsOn: draft.endsOn,
      notes: draft.notes.trim() || null,
    };
    setBusy(true);
    setMessage(null);
    try {
      if (editing) await updateContract(editing, body);
      else await createContract(body);
      setDraft(EMPTY);
      setEditing(null);
      lookingUp.current = null;
      setMessage({ ok: true, text: tc('saved') });
      await contracts.reload();
    } catch (caught) {
      setMessage({ ok: false, text: asApiError(caught).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConsoleShell section="contracts" title={tc('contractsTitle')}>
      <View className="panel" id="contract-form">
        <Text className="panel__title">{editing ? `${tc('edit')} ${draft.number}` : tc('contractAdd')}</Text>
        <View className="contract-form__row">
          <label className="t-field">
            {tc('contractNumber')}
            <input
              id="contract-number"
              className="c-input"
              value={draft.number}
              maxLength={40}
              onChange={(e) => set('number', e.target.value)}
            />
          </label>
          <label className="t-field">
            {tc('contractSubject')}
            <select
              id="contract-subject"
              className="c-select"
              value={draft.subject}
              onChange={(e) => set('subject', e.target.value === 'asset' ? 'asset' : 'site')}
            >
              <option value="site">{tc('contractSite')}</option>
              <option value="asset">{tc('contractAsset')}</option>
            </select>
          </label>
          {draft.subject === 'site' ? (
            <label className="t-field">
              {tc('contractSite')}
              <select id="contract-site" className="c-select" value={draft.siteId} onChange={(e) => set('siteId', e.target.value)}>
                <option value="">—</option>
                {(sites.data ?? []).map((s) => (
                  <option key={s.id} value={String(s.id)}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="t-field">
            {tc('contractCoverage')}
            <select
              id="contract-coverage"
              className="c-select"
              value={draft.coverage}
              onChange={(e) => {
                const c = CONTRACT_COVERAGES.find((x) => x === e.target.value);
                if (c) set('coverage', c);
              }}
            >
              {CONTRACT_COVERAGES.map((c) => (
                <option key={c} value={c}>
                  {tc(COVERAGE_LABEL[c])}
                </option>
              ))}
            </select>
          </label>
          <label className="t-field">
            {tc('contractStarts')}
            <input
              id="contract-starts"
              className="c-input"
              type="date"
              value={draft.startsOn}
              onChange={(e) => set('startsOn', e.target.value)}
            />
          </label>
          <label className="t-field">
            {tc('contractEnds')}
            <input
              id="contract-ends"
              className="c-input"
              type="date"
              value={draft.endsOn}
              onChange={(e) => set('endsOn', e.target.value)}
            />
          </label>
          <label className="t-field">
            {tc('contractNotes')}
            <input
              id="contract-notes"
              className="c-input"
              value={draft.notes}
              maxLength={500}
              onChange={(e) => set('notes', e.target.value)}
            />
          </label>
        </View>
        {draft.subject === 'asset' ? (
          <View className="contract-form__asset">
            <Text className="field__label">{tc('contractAsset')}</Text>
            <AssetPicker value={draft.asset} sites={sites.data ?? []} onChange={(asset) => set('asset', asset)} />
          </View>
        ) : null}
        {message ? (
          <View className={`notice ${message.ok ? 'notice--ok' : 'notice--error'}`} id="contract-message" role="status">
            {message.text}
          </View>
        ) : null}
        <View className="contract-form__row">
          <Button id="contract-save" type="primary" size="small" loading={busy} onClick={() => void save()}>
            {tc('contractSave')}
          </Button>
          {editing ? (
            <Button
              size="small"
              fill="none"
              onClick={() => {
                setEditing(null);
                lookingUp.current = null;
                setDraft(EMPTY);
              }}
            >
              {tc('cancel')}
            </Button>
          ) : null}
        </View>
      </View>
      <View className="panel">
        <label className="t-field">
          {tc('contractSite')}
          <select id="contract-filter-site" className="c-select" value={siteFilter} onChange={(e) => setSiteFilter(e.target.value)}>
            <option value="">—</option>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <PageState
          loading={contracts.loading}
          error={contracts.error}
          data={contracts.data}
          onRetry={() => void contracts.reload()}
          isEmpty={(items) => items.length === 0}
          emptyText={tc('contractsEmpty')}
        >
          {(items) => (
            <table className="c-table" id="contract-table">
              <thead>
                <tr>
                  <th>{tc('contractNumber')}</th>
                  <th>{tc('contractSubject')}</th>
                  <th>{tc('contractCoverage')}</th>
                  <th>{tc('contractStarts')}</th>
                  <th>{tc('contractEnds')}</th>
                  <th>{tc('contractNotes')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} className="contract-row" data-id={String(c.id)}>
                    <td className="mono">{c.number}</td>
                    <td>
                      {c.assetId
                        ? `${tc('contractAsset')} ${c.asset ? `${c.asset.name}（${c.asset.code}）` : `#${c.assetId}`}`
                        : `${tc('contractSite')} ${siteName(c.siteId)}`}
                    </td>
                    <td>{tc(COVERAGE_LABEL[c.coverage])}</td>
                    <td>{c.startsOn}</td>
                    <td>{c.endsOn}</td>
                    <td>{c.notes ?? ''}</td>
                    <td>
                      <Button
                        size="small"
                        fill="none"
                        onClick={() => {
                          setEditing(c.id);
                          setDraft(draftOf(c));
                          setMessage(null);
                          lookingUp.current = c.id;
                          if (c.assetId)
                            void getAsset(c.assetId)
                              .then((r) => {
                                if (lookingUp.current === c.id) setDraft((d) => ({ ...d, asset: d.asset ?? pickedAssetOf(r.asset) }));
                              })
                              .catch((caught: unknown) => setMessage({ ok: false, text: asApiError(caught).message }));
                        }}
                      >
                        {tc('edit')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </PageState>
      </View>
    </ConsoleShell>
  );
}

export default ConsoleContractsPage;
