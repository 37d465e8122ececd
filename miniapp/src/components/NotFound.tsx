import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { t, type MessageKey } from '../i18n';
import { normalizeAssetCode } from '../lib/asset-code';
import { routes } from '../lib/routes';
import './NotFound.css';

interface NotFoundProps {
  /** What was not found: a device code, a ticket link, or a page. */
  what: Extract<MessageKey, 'notFoundAsset' | 'notFoundTicket' | 'notFoundPage'>;
  /** The code or path asked for, shown so the reporter can compare it with the sticker. */
  asked?: string;
}

/** A dead end with two ways out: type the code under the QR again, or go to the home page. */
export function NotFound({ what, asked }: NotFoundProps) {
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const open = () => {
    const normalized = normalizeAssetCode(code);
    if (!normalized) return setError(t('invalidCode'));
    setError('');
    void Taro.redirectTo({ url: routes.asset(normalized) });
  };
  return (
    <View className="not-found" id="not-found" data-what={what}>
      <Text className="not-found__title" id="not-found-title">
        {t(what)}
      </Text>
      {asked ? <Text className="not-found__asked">{asked}</Text> : null}
      <Text className="not-found__hint">{t('notFoundHint')}</Text>
      <CellGroup title={t('typeCode')}>
        <Cell>
          <Input
            id="not-found-code"
            value={code}
            onChange={setCode}
            placeholder={t('codePlaceholder')}
            maxLength={40}
            nativeProps={{ 'aria-label': t('typeCode') }}
          />
          <Button id="not-found-go" type="primary" size="small" onClick={open}>
            {t('go')}
          </Button>
        </Cell>
        {error ? (
          <Cell>
            <Text className="form-error" id="not-found-error">
              {error}
            </Text>
          </Cell>
        ) : null}
      </CellGroup>
      <Button id="not-found-home" block fill="outline" onClick={() => void Taro.reLaunch({ url: routes.home })}>
        {t('backHome')}
      </Button>
    </View>
  );
}
