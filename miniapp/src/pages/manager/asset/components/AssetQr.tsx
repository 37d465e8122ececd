import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import { fetchAssetQr } from '../../../../api/asset-registry';
import { asApiError } from '../../../../api/errors';
import { tc } from '../../../../i18n/console';

/** The asset's QR from the server (the same one the label prints), fetched with the token and shown as a blob URL. */
export function AssetQr({ assetId, url }: { assetId: number; url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    setError('');
    setSrc(null);
    fetchAssetQr(assetId)
      .then((blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch((caught: unknown) => live && setError(asApiError(caught).message));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [assetId, attempt]);

  return (
    <View className="asset-qr" id="asset-qr">
      {src ? <img id="asset-qr-img" className="asset-qr__img" src={src} alt={url} /> : null}
      {!src && !error ? <Loading>{tc('loading')}</Loading> : null}
      {error ? (
        <View className="asset-qr__error">
          <Text className="field__error">{error}</Text>
          <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
            {tc('retry')}
          </Button>
        </View>
      ) : null}
      <a className="asset-qr__url mono" id="asset-url" href={url} target="_blank" rel="noreferrer">
        {url}
      </a>
    </View>
  );
}
