import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { t, useLang, type MessageKey } from '../i18n';

/** Keeps the navigation bar title in the current language. */
export function useTitle(key: MessageKey): void {
  const lang = useLang();
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t(key) }).catch(() => undefined);
  }, [key, lang]);
}
