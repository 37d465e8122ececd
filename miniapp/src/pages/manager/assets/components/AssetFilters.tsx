import { useState, type FormEvent } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { WARRANTY_STATES } from '@baoxiu/shared';
import type { AssetFilter, WarrantyState } from '../../../../api/asset-registry';
import type { SiteView } from '../../../../api/sites';
import { tc } from '../../../../i18n/console';

interface AssetFiltersProps {
  value: AssetFilter;
  sites: SiteView[];
  /** Categories seen so far, offered as suggestions (there is no category list endpoint). */
  categories: string[];
  onChange: (filter: AssetFilter) => void;
}

const WARRANTY_LABEL = { active: 'warrantyActive', expired: 'warrantyExpired', none: 'warrantyNone' } as const;

function isWarranty(value: string): value is WarrantyState {
  return (WARRANTY_STATES as readonly string[]).includes(value);
}

/** Search applies on Enter or the button; the selects apply at once. */
export function AssetFilters({ value, sites, categories, onChange }: AssetFiltersProps) {
  const [q, setQ] = useState(value.q ?? '');
  const [category, setCategory] = useState(value.category ?? '');

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    onChange({ ...value, q: q.trim() || undefined, category: category.trim() || undefined });
  };
  const reset = () => {
    setQ('');
    setCategory('');
    onChange({});
  };

  return (
    <form className="toolbar" id="asset-filters" onSubmit={apply}>
      <input
        id="filter-q"
        className="c-input c-input--search"
        type="search"
        value={q}
        placeholder={tc('searchPlaceholder')}
        onChange={(e) => setQ(e.target.value)}
      />
      <select
        id="filter-site"
        aria-label={tc('a11yFilterSite')}
        className="c-select"
        value={value.siteId ?? ''}
        onChange={(e) => onChange({ ...value, q: q.trim() || undefined, siteId: e.target.value ? Number(e.target.value) : undefined })}
      >
        <option value="">{tc('allSites')}</option>
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
      <input
        id="filter-category"
        className="c-input"
        list="filter-category-list"
        value={category}
        placeholder={tc('allCategories')}
        onChange={(e) => setCategory(e.target.value)}
        onBlur={() => category.trim() !== (value.category ?? '') && apply()}
      />
      <datalist id="filter-category-list">
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <select
        id="filter-warranty"
        aria-label={tc('a11yFilterWarranty')}
        className="c-select"
        value={value.warranty ?? ''}
        onChange={(e) =>
          onChange({ ...value, q: q.trim() || undefined, warranty: isWarranty(e.target.value) ? e.target.value : undefined })
        }
      >
        <option value="">{tc('anyWarranty')}</option>
        {WARRANTY_STATES.map((w) => (
          <option key={w} value={w}>
            {tc(WARRANTY_LABEL[w])}
          </option>
        ))}
      </select>
      <button type="submit" className="c-hidden" />
      <Button id="filter-apply" size="small" type="primary" onClick={() => apply()}>
        {tc('search')}
      </Button>
      <View className="toolbar__grow" />
      <Button id="filter-reset" size="small" fill="none" onClick={reset}>
        {tc('resetFilters')}
      </Button>
    </form>
  );
}
