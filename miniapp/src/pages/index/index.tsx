import { useState } from 'react';
import { NotFound } from '../../components/NotFound';
import Taro, { useLoad } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { t, useLang } from '../../i18n';
import { LangSwitch } from '../../components/LangSwitch';
import { codeFromEntry, codeFromScanResult, normalizeAssetCode } from '../../lib/asset-code';
import { routes } from '../../lib/routes';
import { getSession } from '../../lib/session';
import { useTitle } from '../../lib/use-title';
import './index.css';

const isH5 = process.env.TARO_ENV === 'h5';

export function HomePage() {
  useLang();
  useTitle('appName');
  const [missing, setMissing] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');

  // A QR configured to open the home page still lands on its asset.
  useLoad((params: Record<string, string | undefined>) => {
    if (params.missing) setMissing(decodeURIComponent(params.missing));
    const entry = codeFromEntry(params);
    if (entry) void Taro.redirectTo({ url: routes.asset(entry) });
  });

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
      const found = codeFromScanResult(res.path || res.result);
      if (found) void Taro.navigateTo({ url: routes.asset(found) });
      else void Taro.showToast({ title: t('scanFailed'), icon: 'none' });
    } catch {
      // the scanner was closed
    }
  };

  const open = () => {
    const normalized = normalizeAssetCode(code);
    if (!normalized) return setCodeError(t('invalidCode'));
    setCodeError('');
    void Taro.navigateTo({ url: routes.asset(normalized) });
  };

  if (missing) {
    return (
      <View className="home">
        <View className="home__top">
          <LangSwitch />
        </View>
        <NotFound what="notFoundPage" asked={missing} />
      </View>
    );
  }
  return (
    <View className="home">
      <View className="home__top">
        <LangSwitch />
      </View>
      <View className="home__hero">
        <Text className="home__title">{t('appName')}</Text>
        <Text className="home__tagline">{t('tagline')}</Text>
      </View>
      {isH5 ? (
        <Text className="home__hint">{t('scanH5Hint')}</Text>
      ) : (
        <Button id="scan" type="primary" size="xlarge" block onClick={() => void scan()}>
          {t('scan')}
        </Button>
      )}
      <CellGroup title={t('typeCode')}>
        <Cell>
          <Input id="code-input" value={code} onChange={setCode} placeholder={t('codePlaceholder')} maxLength={40} clearable />
          <Button id="code-go" type="primary" size="small" onClick={open}>
            {t('go')}
          </Button>
        </Cell>
        {codeError ? (
          <Cell>
            <Text className="form-error" id="code-error">
              {codeError}
            </Text>
          </Cell>
        ) : null}
      </CellGroup>
      <CellGroup>
        <Cell id="to-mine" title={t('myRequests')} clickable onClick={() => void Taro.navigateTo({ url: routes.mine })} />
        <Cell
          id="to-engineer"
          title={t('engineerEntry')}
          clickable
          onClick={() => void Taro.navigateTo({ url: getSession() ? routes.jobs : routes.login })}
        />
        {/* The manager console is part of the H5 build only (desktop browser). */}
        {isH5 ? (
          <Cell id="to-console" title={t('consoleEntry')} clickable onClick={() => void Taro.navigateTo({ url: routes.consoleLogin })} />
        ) : null}
      </CellGroup>
    </View>
  );
}

export default HomePage;
