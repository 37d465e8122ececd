import { View, Text } from '@tarojs/components';
import { getTenantSettings } from '../../../api/staff';
import { fmt } from '../../../i18n/console';
import { ta } from '../../../i18n/admin';
import { useLoader } from '../../../lib/use-loader';
import { REACH_NOTICE } from '../tenant/form';

/** Before printing: a warning when the address the QR codes carry cannot be opened by a phone; nothing otherwise. */
export function PublicUrlNotice() {
  const settings = useLoader(getTenantSettings, []);
  const url = settings.data?.publicBaseUrl;
  if (!url || url.reach === 'public') return null;
  const notice = REACH_NOTICE[url.reach];
  return (
    <View className={notice.className} id="labels-url-notice" data-reach={url.reach} role="alert">
      <Text>{fmt(ta(notice.text), { url: url.url })}</Text>
    </View>
  );
}
