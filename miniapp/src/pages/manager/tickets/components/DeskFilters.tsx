import { useState, type FormEvent } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { TICKET_STATUSES, URGENCIES, type TicketStatus, type Urgency } from '@baoxiu/shared';
import type { DeskFilter } from '../../../../api/desk';
import type { SiteView } from '../../../../api/sites';
import { statusLabel } from '../../../../components/StatusTag';
import { getLang, tc } from '../../../../i18n/console';
import { URGENCY_LABEL } from '../desk';

interface DeskFiltersProps {
  value: DeskFilter;
  sites: SiteView[];
  engineers: Array<{ id: number; name: string }>;
  onChange: (filter: DeskFilter) => void;
}

const isUrgency = (v: string): v is Urgency => (URGENCIES as readonly string[]).includes(v);
const isStatus = (v: string): v is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(v);
const num = (v: string) => (v ? Number(v) : undefined);

/** Text fields apply on Enter or the search button; selects and dates apply at once. */
export function DeskFilters({ value, sites, engineers, onChange }: DeskFiltersProps) {
  const [q, setQ] = useState(value.q ?? '');
  const [category, setCategory] = useState(value.category ?? '');
  const lang = getLang();
  const texts = () => ({ q: q.trim() || undefined, category: category.trim() || undefined });
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    onChange({ ...value, ...texts() });
  };
  const set = (patch: DeskFilter) => onChange({ ...value, ...texts(), ...patch });

  return (
    <form className="toolbar desk-filters" id="desk-filters" onSubmit={apply}>
      <input
        id="desk-q"
        aria-label={tc('search')}
        className="c-input c-input--search"
        type="search"
        value={q}
        placeholder={tc('deskSearch')}
        onChange={(e) => setQ(e.target.value)}
      />
      <select
        id="desk-site"
        aria-label={tc('allSites')}
        className="c-select"
        value={value.siteId ?? ''}
        onChange={(e) => set({ siteId: num(e.target.value) })}
      >
        <option value="">{tc('allSites')}</option>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <input
        id="desk-category"
        aria-label={tc('categoryFilter')}
        className="c-input"
        value={category}
        placeholder={tc('categoryFilter')}
        onChange={(e) => setCategory(e.target.value)}
      />
      <select
        id="desk-engineer"
        aria-label={tc('allEngineers')}
        className="c-select"
        value={value.engineerId ?? ''}
        onChange={(e) => set({ engineerId: num(e.target.value) })}
      >
        <option value="">{tc('allEngineers')}</option>
        {engineers.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <select
        id="desk-urgency"
        aria-label={tc('allUrgencies')}
        className="c-select"
        value={value.urgency ?? ''}
        onChange={(e) => set({ urgency: isUrgency(e.target.value) ? e.target.value : undefined })}
      >
        <option value="">{tc('allUrgencies')}</option>
        {URGENCIES.map((u) => (
          <option key={u} value={u}>
            {tc(URGENCY_LABEL[u])}
          </option>
        ))}
      </select>
      <select
        id="desk-status"
        aria-label={tc('allStatuses')}
        className="c-select"
        value={value.status ?? ''}
        onChange={(e) => set({ status: isStatus(e.target.value) ? e.target.value : undefined })}
      >
        <option value="">{tc('allStatuses')}</option>
        {TICKET_STATUSES.map((s) => (
          <option key={s} value={s}>
            {statusLabel(s, lang)}
          </option>
        ))}
      </select>
      <label className="desk-date">
        {tc('createdFrom')}
        <input
          id="desk-from"
          className="c-input"
          type="date"
          value={value.from ?? ''}
          onChange={(e) => set({ from: e.target.value || undefined })}
        />
      </label>
      <label className="desk-date">
        {tc('createdTo')}
        <input
          id="desk-to"
          className="c-input"
          type="date"
          value={value.to ?? ''}
          onChange={(e) => set({ to: e.target.value || undefined })}
        />
      </label>
      <Button id="desk-search" size="small" type="primary" onClick={() => apply()}>
        {tc('search')}
      </Button>
      <Button
        id="desk-reset"
        size="small"
        fill="none"
        onClick={() => {
          setQ('');
          setCategory('');
          onChange({});
        }}
      >
        {tc('resetFilters')}
      </Button>
    </form>
  );
}
