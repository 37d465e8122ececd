import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { ImportPreview } from '../../../../api/imports';
import { fmt, getLang, tc } from '../../../../i18n/console';
import { Pager } from '../../components/Pager';

const ROWS_PER_PAGE = 100;

/** Every row of the file as the import will treat it: create, update (matched by serial or external id), or refused and why. */
export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const [onlyErrors, setOnlyErrors] = useState(preview.errorCount > 0);
  const [page, setPage] = useState(1);
  const rows = onlyErrors ? preview.rows.filter((r) => r.errors.length > 0) : preview.rows;
  const shown = rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
  const lang = getLang();

  return (
    <View id="import-preview">
      <View className="toolbar">
        <Text
          id="import-summary"
          data-valid={String(preview.validCount)}
          data-errors={String(preview.errorCount)}
          data-create={String(preview.createCount)}
          data-update={String(preview.updateCount)}
        >
          {fmt(tc('importSummary'), {
            rows: preview.rows.length,
            valid: preview.validCount,
            create: preview.createCount,
            update: preview.updateCount,
            errors: preview.errorCount,
          })}
        </Text>
        <View className="toolbar__grow" />
        <label className="check-label">
          <input
            id="only-errors"
            type="checkbox"
            checked={onlyErrors}
            onChange={(e) => {
              setOnlyErrors(e.target.checked);
              setPage(1);
            }}
          />
          {tc('onlyErrorRows')}
        </label>
      </View>
      <table className="c-table" id="preview-table">
        <thead>
          <tr>
            <th>{tc('colLine')}</th>
            <th>{tc('colAction')}</th>
            <th>{tc('colName')}</th>
            <th>{tc('colSite')}</th>
            <th>{tc('fieldSerial')}</th>
            <th>{tc('colLocation')}</th>
            <th>{tc('colWarranty')}</th>
            <th>{tc('colProblems')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr
              key={row.line}
              className={`preview-row${row.errors.length ? ' preview-row--error' : ''}`}
              data-line={String(row.line)}
              data-action={row.errors.length ? 'error' : row.action}
              data-codes={row.errors.map((e) => e.code).join(',')}
            >
              <td>{row.line}</td>
              <td>
                {row.errors.length ? (
                  <Text className="badge badge--error">{tc('actionSkip')}</Text>
                ) : (
                  <Text className={row.action === 'create' ? 'badge badge--ok' : 'badge badge--info'}>
                    {tc(row.action === 'create' ? 'actionCreate' : 'actionUpdate')}
                  </Text>
                )}
              </td>
              <td>{row.input?.name ?? ''}</td>
              <td>{row.input?.site ?? ''}</td>
              <td>{row.input?.serial ?? ''}</td>
              <td>{row.input?.location ?? ''}</td>
              <td>{row.input?.warrantyUntil ?? ''}</td>
              <td>
                {row.errors.map((error, i) => (
                  <Text key={i} className="field__error preview-row__error" data-code={error.code}>
                    {lang === 'en' ? error.en : error.zh}
                  </Text>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > ROWS_PER_PAGE ? (
        <Pager id="preview-pager" page={page} pageSize={ROWS_PER_PAGE} total={rows.length} onPage={setPage} />
      ) : null}
    </View>
  );
}
