import { Button } from '@nutui/nutui-react-taro';
import { setLang, t, useLang } from '../i18n';

/** zh-CN by default; one tap switches every page (and the API's error messages) to English and back. */
export function LangSwitch() {
  const lang = useLang();
  return (
    <Button id="lang-switch" size="small" fill="none" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
      {t('language')}
    </Button>
  );
}
