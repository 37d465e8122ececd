import { z } from 'zod';
import {
  ApiKeyCreatedSchema, ApiKeyInputSchema, ApiKeyListSchema, ApiKeyViewSchema, AssetDetailResponseSchema, AssetExportQuerySchema, AssetInputSchema,
  AssetListQuerySchema, AssetPageSchema, AssetUpdateSchema, AssetViewSchema, BusinessHoursQuerySchema, BusinessHoursResponseSchema, BusinessHoursSchema,
  ChangePlanQuerySchema, ChangePlanSchema, ChangePlanViewSchema, EngineerInputSchema, EngineerListResponseSchema, EngineerResponseSchema,
  EngineerShiftsResponseSchema, EngineerShiftsSchema,
  EngineerUpdateSchema, ImportQuerySchema, InviteCreateSchema, InviteResponseSchema, InvoicePdfQuerySchema, InvoiceViewSchema, KpiQuerySchema,
  KpiReportSchema, LabelsRequestSchema, PaginationQuerySchema, PreviewQuerySchema, PreviewViewSchema, SiteInputSchema, SiteListResponseSchema,
  SiteUpdateSchema, SiteViewSchema, SlaPolicyResponseSchema, SlaPolicySchema, StaffCreateSchema, StaffListResponseSchema, StaffPasswordResetSchema,
  StaffResponseSchema, StaffTicketPageSchema, StaffUpdateSchema, StaffWechatListResponseSchema, SubscriptionResultsSchema, SubscriptionStatusSchema,
  SubscriptionViewSchema, TemplateQuerySchema, TenantSettingsResponseSchema, TenantSettingsUpdateSchema, UnboundResponseSchema,
  WechatSettingsResponseSchema, WechatSettingsSchema,
} from '@baoxiu/shared';
import { created, file, noContent, ok, type Catalog } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const site = z.object({ site: SiteViewSchema });
const asset = z.object({ asset: AssetViewSchema });

export const ADMIN_CATALOG: Catalog = {
  'GET /api/sites': { summary: 'Sites', tag: 'assets', access: 'assets:read', replies: [ok(SiteListResponseSchema)] },
  'POST /api/sites': { summary: 'Create a site', tag: 'assets', access: 'assets:write', body: SiteInputSchema, replies: [created(site)] },
  'GET /api/sites/:id': { summary: 'One site', tag: 'assets', access: 'assets:read', replies: [ok(site)] },
  'PATCH /api/sites/:id': { summary: 'Edit a site', tag: 'assets', access: 'assets:write', body: SiteUpdateSchema, replies: [ok(site)] },
  'DELETE /api/sites/:id': { summary: 'Delete a site without assets', tag: 'assets', access: 'assets:write', replies: [noContent] },
  'GET /api/assets': { summary: 'Assets with search and filters, paged', tag: 'assets', access: 'assets:read', query: AssetListQuerySchema, replies: [ok(AssetPageSchema)] },
  'POST /api/assets': { summary: 'Register an asset (gets its QR code)', tag: 'assets', access: 'assets:write', body: AssetInputSchema, replies: [created(asset)] },
  'GET /api/assets/:id': { summary: 'One asset with its site', tag: 'assets', access: 'assets:read', replies: [ok(AssetDetailResponseSchema)] },
  'PATCH /api/assets/:id': { summary: 'Edit an asset', tag: 'assets', access: 'assets:write', body: AssetUpdateSchema, replies: [ok(asset)] },
  'DELETE /api/assets/:id': { summary: 'Retire an asset', tag: 'assets', access: 'assets:write', replies: [noContent] },
  'GET /api/assets/:id/tickets': { summary: "An asset's repair history", tag: 'assets', access: 'assets:read', query: PaginationQuerySchema, replies: [ok(StaffTicketPageSchema)] },
  'GET /api/assets/:id/qr.svg': { summary: "The asset's QR code as SVG", tag: 'assets', access: 'assets:read', replies: [file('image/svg+xml', 'The QR code')] },
  'GET /api/assets/export': { summary: 'Export the assets (CSV or XLSX)', tag: 'assets', access: 'assets:read', query: AssetExportQuerySchema, replies: [file(['text/csv', XLSX], 'The assets')] },
  'GET /api/assets/import/template': { summary: 'The import template', tag: 'assets', access: 'assets:read', query: TemplateQuerySchema, replies: [file(['text/csv', XLSX], 'An empty sheet with the columns and examples')] },
  'POST /api/assets/import': {
    summary: 'Import assets from CSV/XLSX: `?mode=preview` checks every row, `?mode=commit` writes them all or none', tag: 'assets', access: 'assets:write',
    query: ImportQuerySchema, file: 'file', replies: [{ status: 200, description: 'The preview (row errors) or the commit result' }],
  },
  'POST /api/labels': { summary: 'A PDF sheet of QR labels (streamed)', tag: 'assets', access: 'assets:read', body: LabelsRequestSchema, replies: [file('application/pdf', 'The label sheet; X-Label-Count says how many')] },

  'GET /api/engineers': { summary: 'Engineers with skills, sites and duty', tag: 'staff', access: 'engineers:read', replies: [ok(EngineerListResponseSchema)] },
  'POST /api/engineers': { summary: 'Add an engineer (a staff seat)', tag: 'staff', access: 'engineers:write', body: EngineerInputSchema, replies: [created(EngineerResponseSchema)] },
  'GET /api/engineers/:id': { summary: 'One engineer', tag: 'staff', access: 'engineers:read', replies: [ok(EngineerResponseSchema)] },
  'PATCH /api/engineers/:id': { summary: "Edit an engineer's skills, sites, duty", tag: 'staff', access: 'engineers:write', body: EngineerUpdateSchema, replies: [ok(EngineerResponseSchema)] },
  'GET /api/engineers/:id/shifts': {
    summary: "An engineer's shifts (weekly frames, leave days, dutyOverride) and whether they are on duty now; an engineer reads their own only",
    tag: 'staff', access: 'shifts:read', replies: [ok(EngineerShiftsResponseSchema)],
  },
  'PUT /api/engineers/:id/shifts': {
    summary: "Replace an engineer's shifts (week null: the onDuty switch decides)", tag: 'staff', access: 'engineers:write',
    body: EngineerShiftsSchema, replies: [ok(EngineerShiftsResponseSchema)],
  },
  'DELETE /api/engineers/:id': { summary: 'Remove an engineer', tag: 'staff', access: 'engineers:write', replies: [noContent] },
  'GET /api/staff': { summary: 'Every staff account, disabled ones included', tag: 'staff', access: 'staff:manage', replies: [ok(StaffListResponseSchema)] },
  'POST /api/staff': { summary: 'Create a staff account (admin, dispatcher or engineer)', tag: 'staff', access: 'staff:manage', body: StaffCreateSchema, replies: [created(StaffResponseSchema)] },
  'PATCH /api/staff/:id': { summary: 'Edit a staff account', tag: 'staff', access: 'staff:manage', body: StaffUpdateSchema, replies: [ok(StaffResponseSchema)] },
  'POST /api/staff/:id/disable': { summary: 'Disable an account (its sessions end at once)', tag: 'staff', access: 'staff:manage', replies: [ok(StaffResponseSchema)] },
  'POST /api/staff/:id/enable': { summary: 'Enable an account', tag: 'staff', access: 'staff:manage', replies: [ok(StaffResponseSchema)] },
  'POST /api/staff/:id/password': { summary: "Reset an account's password", tag: 'staff', access: 'staff:manage', body: StaffPasswordResetSchema, replies: [ok(StaffResponseSchema)] },
  'GET /api/staff/wechat': { summary: "Staff members' WeChat bindings", tag: 'staff', access: 'engineers:read', replies: [ok(StaffWechatListResponseSchema)] },
  'POST /api/staff/:id/wechat-invite': { summary: 'A single-use WeChat binding invite (QR)', tag: 'staff', access: 'staff:invite', body: InviteCreateSchema, replies: [created(InviteResponseSchema)] },
  'DELETE /api/staff/:id/wechat': { summary: "Unlink a staff member's WeChat", tag: 'staff', access: 'staff:invite', replies: [ok(UnboundResponseSchema)] },
  'GET /api/me/wechat': { summary: "The caller's WeChat message credits", tag: 'staff', access: 'wechat:self', replies: [ok(SubscriptionStatusSchema)] },
  'POST /api/me/wechat/subscriptions': { summary: 'Record the answers of a WeChat subscription prompt', tag: 'staff', access: 'wechat:self', body: SubscriptionResultsSchema, replies: [ok(SubscriptionStatusSchema)] },

  'GET /api/settings': { summary: 'Dispatch mode, offer timeout, time zone, public address', tag: 'settings', access: 'settings:read', replies: [ok(TenantSettingsResponseSchema)] },
  'PATCH /api/settings': { summary: 'Change the tenant settings', tag: 'settings', access: 'settings:write', body: TenantSettingsUpdateSchema, replies: [ok(TenantSettingsResponseSchema)] },
  'GET /api/settings/wechat': { summary: 'WeChat subscription message templates', tag: 'settings', access: 'settings:read', replies: [ok(WechatSettingsResponseSchema)] },
  'PUT /api/settings/wechat': { summary: 'Set the message templates and their fields', tag: 'settings', access: 'settings:write', body: WechatSettingsSchema, replies: [ok(WechatSettingsResponseSchema)] },
  'GET /api/settings/business-hours': { summary: "The tenant's (or a site's) business calendar", tag: 'settings', access: 'settings:read', query: BusinessHoursQuerySchema, replies: [ok(BusinessHoursResponseSchema)] },
  'PUT /api/settings/business-hours': { summary: 'Set the business calendar', tag: 'settings', access: 'settings:write', query: BusinessHoursQuerySchema, body: BusinessHoursSchema, replies: [ok(BusinessHoursResponseSchema)] },
  'GET /api/settings/sla': { summary: 'SLA targets and escalation levels (plan module `sla`)', tag: 'settings', access: 'settings:read', replies: [ok(SlaPolicyResponseSchema)] },
  'PUT /api/settings/sla': { summary: 'Set the SLA targets and escalation levels', tag: 'settings', access: 'settings:write', body: SlaPolicySchema, replies: [ok(SlaPolicyResponseSchema)] },
  'GET /api/settings/api-keys': { summary: 'Integration keys (plan module `api`)', tag: 'settings', access: 'settings:write', replies: [ok(ApiKeyListSchema)] },
  'POST /api/settings/api-keys': { summary: 'Make an integration key (its secret is in this answer only)', tag: 'settings', access: 'settings:write', body: ApiKeyInputSchema, replies: [created(ApiKeyCreatedSchema)] },
  'POST /api/settings/api-keys/:id/revoke': { summary: 'Revoke an integration key', tag: 'settings', access: 'settings:write', replies: [ok(z.object({ apiKey: ApiKeyViewSchema }))] },

  'GET /api/reports/kpis': { summary: 'KPIs for a period, by day, site, engineer or category (plan module `reports`)', tag: 'reports', access: 'reports:read', query: KpiQuerySchema, replies: [ok(KpiReportSchema)] },
  'GET /api/reports/kpis/export': { summary: 'The KPIs as XLSX', tag: 'reports', access: 'reports:read', query: KpiQuerySchema, replies: [file(XLSX, 'The KPI workbook')] },

  'GET /api/billing/subscription': { summary: 'Plan, phase, trial days, seats and usage meters', tag: 'billing', access: 'billing:read', replies: [ok(z.object({ subscription: SubscriptionViewSchema }))] },
  'GET /api/billing/preview': { summary: 'The upcoming invoice from usage so far (or at `?at=`)', tag: 'billing', access: 'billing:read', query: PreviewQuerySchema, replies: [ok(PreviewViewSchema)] },
  'POST /api/billing/change-plan': { summary: 'Change plan or seats; `?preview=true` shows the proration lines only', tag: 'billing', access: 'billing:write', query: ChangePlanQuerySchema, body: ChangePlanSchema, replies: [ok(ChangePlanViewSchema)] },
  'GET /api/billing/invoices': { summary: "The tenant's invoices and credit notes", tag: 'billing', access: 'billing:read', replies: [ok(z.object({ items: z.array(InvoiceViewSchema) }))] },
  'GET /api/billing/invoices/:id/pdf': { summary: 'An invoice as PDF (zh-CN or en)', tag: 'billing', access: 'billing:read', query: InvoicePdfQuerySchema, replies: [file('application/pdf', 'The invoice')] },
};
