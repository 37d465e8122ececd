import { useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { saveFile } from '../../../api/console';
import { asApiError, showError, type ApiError } from '../../../api/errors';
import { commitImport, downloadTemplate, previewImport, type ImportCommitResponse, type ImportPreview } from '../../../api/imports';
import type { FileFormat } from '../../../api/asset-registry';
import { fmt, tc, useLang } from '../../../i18n/console';
import { routes } from '../../../lib/routes';
import { ConsoleShell, openSection } from '../components/ConsoleShell';
import { FileError } from './components/FileError';
import { PreviewTable } from './components/PreviewTable';
import './index.css';

type Busy = 'template-csv' | 'template-xlsx' | 'preview' | 'commit' | null;

/**
 * Template → choose a file → preview (nothing written, every row checked) → commit the valid rows in one
 * transaction. The chosen file stays in memory, so a failed commit is retried without choosing it again.
 */
export function ConsoleImportPage() {
  useLang();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportCommitResponse['result'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<Busy>(null);

  const template = async (format: FileFormat) => {
    if (busy) return;
    setBusy(format === 'csv' ? 'template-csv' : 'template-xlsx');
    try {
      saveFile(await downloadTemplate(format));
    } catch (caught) {
      showError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const runPreview = async (chosen: File) => {
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setError(null);
    setBusy('preview');
    try {
      setPreview(await previewImport(chosen));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!file || busy) return;
    setBusy('commit');
    setError(null);
    try {
      const res = await commitImport(file);
      setResult(res.result);
      setPreview(res.preview);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const chooseAgain = () => {
    if (input.current) input.current.value = ''; // choosing the same file again must still fire `change`
    input.current?.click();
  };

  return (
    <ConsoleShell section="import" title={tc('navImport')}>
      <View className="panel">
        <Text className="panel__title">{tc('importStep1')}</Text>
        <Text className="muted-c import__hint">{tc('importColumnsHint')}</Text>
        <View className="toolbar">
          <Button id="template-xlsx" size="small" loading={busy === 'template-xlsx'} onClick={() => void template('xlsx')}>
            {tc('templateXlsx')}
          </Button>
          <Button id="template-csv" size="small" loading={busy === 'template-csv'} onClick={() => void template('csv')}>
            {tc('templateCsv')}
          </Button>
        </View>
      </View>

      <View className="panel">
        <Text className="panel__title">{tc('importStep2')}</Text>
        <input
          ref={input}
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="c-hidden"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) void runPreview(chosen);
          }}
        />
        <View className="toolbar">
          <Button id="import-choose" type="primary" size="small" loading={busy === 'preview'} onClick={chooseAgain}>
            {file ? tc('chooseAnother') : tc('chooseFile')}
          </Button>
          {file ? (
            <Text id="import-filename" className="mono">
              {file.name}
            </Text>
          ) : null}
          {file && error && !preview && busy === null ? (
            <Button id="import-retry" size="small" onClick={() => void runPreview(file)}>
              {tc('retry')}
            </Button>
          ) : null}
        </View>
        {error ? <FileError error={error} /> : null}
        {result ? (
          <View
            className="notice notice--ok"
            id="import-result"
            data-created={String(result.created)}
            data-updated={String(result.updated)}
          >
            <Text>{fmt(tc('importDone'), result)}</Text>
            <Button id="import-to-assets" size="small" type="primary" onClick={() => openSection(routes.consoleAssets)}>
              {tc('viewAssets')}
            </Button>
          </View>
        ) : null}
        {preview ? (
          <>
            {!result ? (
              <View className="toolbar">
                <Button
                  id="import-commit"
                  type="primary"
                  disabled={preview.validCount === 0}
                  loading={busy === 'commit'}
                  onClick={() => void commit()}
                >
                  {fmt(tc('importCommit'), { count: preview.validCount })}
                </Button>
                {preview.errorCount > 0 ? <Text className="muted-c">{tc('importSkipsErrors')}</Text> : null}
              </View>
            ) : null}
            <PreviewTable key={`${file?.name ?? ''}-${result ? 'done' : 'preview'}`} preview={preview} />
          </>
        ) : null}
      </View>
    </ConsoleShell>
  );
}

export default ConsoleImportPage;
