import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';
import type { Lang } from '@baoxiu/shared';
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type { MessageKey };

const LANG_KEY = 'bx.lang';
const listeners = new Set<() => void>();
let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return Taro.getStorageSync<string>(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  Taro.setStorageSync(LANG_KEY, lang);
  listeners.forEach((notify) => notify());
}

export function t(key: MessageKey): string {
  return current === 'en' ? en[key] : zhCN[key];
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller when the language changes; pages live in separate React roots, so a context would not reach them all. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, getLang, getLang);
}
