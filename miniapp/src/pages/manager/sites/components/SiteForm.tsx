import { useState, type FormEvent } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { asApiError } from '../../../../api/errors';
import type { SiteBody, SiteView } from '../../../../api/sites';
import { tc } from '../../../../i18n/console';

interface SiteFormProps {
  id: string;
  initial?: SiteView;
  onSave: (body: SiteBody) => Promise<void>;
  onCancel?: () => void;
}

/** Name, address, region; the text stays when saving fails, so it can be corrected and sent again. */
export function SiteForm({ id, initial, onSave, onCancel }: SiteFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [address, setAddress] = useState(initial?.address ?? '');
  const [region, setRegion] = useState(initial?.region ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!name.trim()) return setError(tc('needSiteName'));
    setBusy(true);
    setError('');
    try {
      await onSave({ name: name.trim(), address: address.trim() || null, region: region.trim() || null });
      if (!initial) {
        setName('');
        setAddress('');
        setRegion('');
      }
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="site-form" id={id} onSubmit={(e) => void submit(e)}>
      <View className="site-form__row">
        <input
          className="c-input site-form__name"
          name="name"
          value={name}
          maxLength={100}
          placeholder={tc('siteName')}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          className="c-input site-form__address"
          name="address"
          value={address}
          maxLength={200}
          placeholder={tc('siteAddress')}
          onChange={(e) => setAddress(e.target.value)}
        />
        <input
          className="c-input site-form__region"
          name="region"
          value={region}
          maxLength={50}
          placeholder={tc('siteRegion')}
          onChange={(e) => setRegion(e.target.value)}
        />
        <button type="submit" className="c-hidden" />
        <Button className="site-form__save" size="small" type="primary" loading={busy} onClick={() => void submit()}>
          {initial ? tc('save') : tc('addSite')}
        </Button>
        {onCancel ? (
          <Button size="small" fill="none" onClick={onCancel}>
            {tc('cancel')}
          </Button>
        ) : null}
      </View>
      {error ? <Text className="field__error site-form__error">{error}</Text> : null}
    </form>
  );
}
