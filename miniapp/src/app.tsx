import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { ConfigProvider } from '@nutui/nutui-react-taro';
import zhCN from '@nutui/nutui-react-taro/dist/es/locales/zh-CN';
import enUS from '@nutui/nutui-react-taro/dist/es/locales/en-US';
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
import { useLang } from './i18n';
import { redirectShortLink } from './lib/short-link';
import { routes } from './lib/routes';
import './app.css';

// Runs before the H5 router reads the URL, so a printed QR's /r/<code> lands on the asset page.
if (process.env.TARO_ENV === 'h5') redirectShortLink();
// An unknown path (a mistyped link, an old bookmark) gets the home page's "not found" view, never a blank page.
Taro.onPageNotFound((res) => void Taro.redirectTo({ url: routes.notFound(res.path) }));

export function App({ children }: PropsWithChildren) {
  const lang = useLang();
  return <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>{children}</ConfigProvider>;
}

export default App;
