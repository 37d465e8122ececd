import { useState, type FormEvent } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { asApiError } from '../../../api/errors';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyCreated } from '../../../api/staff';
import { PageState } from '../../../components/PageState';
import { fmt, tc } from '../../../i18n/console';
import { useLoader } from '../../../lib/use-loader';

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

/**
 * Integration keys (the `api` plan module): make one (its secret shown once, with a copy button), see when each was
 * last used, revoke it. A plan without the module shows why and where to upgrade.
 */
export function ApiKeysPanel() {
  const keys = useLoader(listApiKeys, []);
  const [name, setName] = useState('');
  const [made, setMade] = useState<ApiKeyCreated | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const create = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!name.trim()) return setError(tc('apiKeyNameRequired'));
    setBusy(true);
    setError('');
    try {
      setMade(await createApiKey(name.trim()));
      setName('');
      await keys.reload();
    } catch (caught) {
      setError(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: number) => {
    setError('');
    try {
      await revokeApiKey(id);
      await keys.reload();
    } catch (caught) {
      setError(asApiError(caught).message);
    }
  };

  return (
    <View className="panel" id="api-keys">
      <Text className="panel__title">{tc('apiKeysTitle')}</Text>
      <Text className="muted-c">{tc('apiKeysHint')}</Text>
      <PageState
        loading={keys.loading}
        error={keys.error}
        data={keys.data}
        onRetry={() => void keys.reload()}
        isEmpty={(xs) => xs.length === 0}
        emptyText={tc('apiKeysEmpty')}
      >
        {(items) => (
          <View className="api-keys__list">
            {items.map((k) => (
              <View className="api-keys__row" key={k.id} data-key-id={k.id} data-revoked={k.revokedAt ? 'true' : 'false'}>
                <Text className="api-keys__name">{k.name}</Text>
                <Text className="mono">{k.prefix}…</Text>
                <Text className="muted-c">
                  {fmt(tc('apiKeyMeta'), { by: k.createdBy.name, at: when(k.createdAt), used: when(k.lastUsedAt) })}
                </Text>
                {k.revokedAt ? (
                  <Text className="badge">{fmt(tc('apiKeyRevokedAt'), { at: when(k.revokedAt) })}</Text>
                ) : (
                  <Button id={`api-key-revoke-${k.id}`} size="small" fill="outline" type="danger" onClick={() => void revoke(k.id)}>
                    {tc('apiKeyRevoke')}
                  </Button>
                )}
              </View>
            ))}
          </View>
        )}
      </PageState>
      {made ? (
        <View className="notice notice--ok" id="api-key-secret" role="status">
          <Text>{tc('apiKeyShownOnce')}</Text>
          <Text className="mono api-keys__secret" selectable>
            {made.secret}
          </Text>
          <Button size="small" onClick={() => void navigator.clipboard?.writeText(made.secret)}>
            {tc('apiKeyCopy')}
          </Button>
        </View>
      ) : null}
      {error ? (
        <View className="notice notice--error" id="api-key-error">
          {error}
        </View>
      ) : null}
      <form className="api-keys__form" onSubmit={(e) => void create(e)}>
        <input
          id="api-key-name"
          className="c-input"
          aria-label={tc('apiKeyName')}
          placeholder={tc('apiKeyName')}
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
        />
        <Button id="api-key-create" type="primary" size="small" loading={busy} onClick={() => void create()}>
          {tc('apiKeyCreate')}
        </Button>
      </form>
    </View>
  );
}
