/** A CSV asset sheet in the template's columns, with known good and bad rows, and what the import should say. */

export const MARKER = 'E2E-LBL';
export const SITES = ['浦东科技园 A 座', '徐汇商务中心'] as const;

export interface SheetRow {
  name: string;
  site: string;
  serial: string;
  warrantyUntil: string;
}

export interface Sheet {
  csv: string;
  valid: SheetRow[];
  /** Line number (header = line 1) → the one row error code expected there. */
  errors: Map<number, string>;
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Warranty: every 4th row none, then expired, then two under warranty. */
function warrantyFor(i: number): string {
  return ['', '2020-06-30', '2031-12-31', '2032-03-31'][i % 4];
}

/**
 * `header` is the first line of the downloaded CSV template (名称 / name, 站点 / site, 型号 / model,
 * 序列号 / serial, 类别 / category, 位置 / location, 保修截止 / warrantyUntil, 外部编号 / externalId, 品牌).
 */
export function makeSheet(header: string, validCount: number): Sheet {
  const valid: SheetRow[] = [];
  const lines = [header];
  const row = (r: { name: string; site: string; serial: string; location?: string; warrantyUntil?: string }) =>
    [r.name, r.site, 'KFR-72LW', r.serial, '空调', r.location ?? '3F 机房', r.warrantyUntil ?? '', '', '格力'].map(csvCell).join(',');
  for (let i = 0; i < validCount; i++) {
    const r: SheetRow = {
      name: `${MARKER} 空调 ${String(i + 1).padStart(2, '0')}`,
      site: SITES[i % 3 === 0 ? 1 : 0],
      serial: `${MARKER}-SN-${i + 1}`,
      warrantyUntil: warrantyFor(i),
    };
    valid.push(r);
    lines.push(row({ ...r, location: i % 3 === 0 ? '3F 机房' : '1F 大堂' }));
  }
  const errors = new Map<number, string>();
  // Lines are counted as Excel shows them: the header is line 1.
  lines.push(row({ name: '', site: SITES[0], serial: `${MARKER}-SN-NONAME` }));
  errors.set(lines.length, 'MISSING_NAME');
  lines.push(row({ name: `${MARKER} 未知站点`, site: '不存在的站点', serial: `${MARKER}-SN-NOSITE` }));
  errors.set(lines.length, 'UNKNOWN_SITE');
  lines.push(row({ name: `${MARKER} 重复序列号`, site: SITES[1], serial: valid[0].serial }));
  errors.set(lines.length, 'DUPLICATE_SERIAL_IN_FILE');
  return { csv: `${lines.join('\r\n')}\r\n`, valid, errors };
}
