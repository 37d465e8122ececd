import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { reportUrl } from '../../../../api/tickets';
import { networkError, showError } from '../../../../api/errors';
import { t } from '../../../../i18n';

const isH5 = process.env.TARO_ENV === 'h5';

/** The service report (服务报告) of a finished repair: a download link in the browser, opened as a document in WeChat. */
export function ReportLink({ token }: { token: string }) {
  const url = reportUrl(token);
  if (isH5) {
    return (
      <View className="actions">
        <a className="track__report" id="report-download" href={url} download>
          {t('reportDownload')}
        </a>
      </View>
    );
  }
  const open = async () => {
    try {
      const file = await Taro.downloadFile({ url });
      if (file.statusCode !== 200) throw networkError();
      await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true });
    } catch {
      showError(networkError());
    }
  };
  return (
    <View className="actions">
      <Button id="report-download" block fill="outline" onClick={() => void open()}>
        {t('reportDownload')}
      </Button>
    </View>
  );
}
