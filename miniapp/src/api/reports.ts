import { KpiReportSchema, type KpiGroupBy, type KpiReport } from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL, fetchFile, type FetchedFile } from './console';

export type { KpiReport };

export interface KpiFilter {
  from: string;
  to: string;
  siteId?: number;
}

/** GET /api/reports/kpis */
export async function getKpis(filter: KpiFilter, groupBy: KpiGroupBy): Promise<KpiReport> {
  return request({ method: 'GET', path: '/api/reports/kpis', query: { ...filter, groupBy }, schema: KpiReportSchema, ...CONSOLE_CALL });
}

/** GET /api/reports/kpis/export: the period's workbook. */
export async function exportKpis(filter: KpiFilter): Promise<FetchedFile> {
  return fetchFile({ method: 'GET', path: '/api/reports/kpis/export', query: { ...filter } }, `kpis-${filter.from}-${filter.to}.xlsx`);
}
