import {
  ContractInputSchema, ContractListQuerySchema, ContractListSchema, ContractResponseSchema, ContractUpdateSchema, ImportQuerySchema, LabourSettingsResponseSchema,
  LabourSettingsSchema, LowStockListSchema, PartImportResultSchema, PartInputSchema, PartListQuerySchema, PartPageSchema, PartResponseSchema, PartStockSchema,
  PartUpdateSchema, QuoteAnswerSchema, QuoteInputSchema, QuoteListQuerySchema, QuoteQueuePageSchema, QuoteResponseSchema, StockLocationListSchema, StockMovementInputSchema, StockMovementListQuerySchema,
  StockMovementPageSchema, StockMovementResponseSchema, StockBalanceListQuerySchema, StockBalancePageSchema, TemplateQuerySchema,
} from '@baoxiu/shared';
import { created, file, noContent, ok, type Catalog } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const PARTS_CATALOG: Catalog = {
  'GET /api/parts': { summary: 'The parts catalogue with search, cursor paging (plan module `parts`)', tag: 'parts', access: 'parts:read', query: PartListQuerySchema, replies: [ok(PartPageSchema)] },
  'POST /api/parts': { summary: 'Add a part (cost and price in minor units; SKU unique per tenant)', tag: 'parts', access: 'parts:write', body: PartInputSchema, replies: [created(PartResponseSchema)] },
  'GET /api/parts/:id': { summary: 'One part', tag: 'parts', access: 'parts:read', replies: [ok(PartResponseSchema)] },
  'PATCH /api/parts/:id': { summary: 'Edit a part (prices on past tickets keep their snapshot)', tag: 'parts', access: 'parts:write', body: PartUpdateSchema, replies: [ok(PartResponseSchema)] },
  'GET /api/parts/:id/stock': { summary: 'On hand per location', tag: 'parts', access: 'parts:read', replies: [ok(PartStockSchema)] },
  'GET /api/parts/export': { summary: 'The catalogue as CSV or XLSX (money in yuan)', tag: 'parts', access: 'parts:read', query: TemplateQuerySchema, replies: [file(['text/csv', XLSX], 'The parts')] },
  'POST /api/parts/import': { summary: 'Import parts by SKU: preview every row, or commit all or none', tag: 'parts', access: 'parts:write', query: ImportQuerySchema, file: 'file', replies: [ok(PartImportResultSchema)] },
  'GET /api/stock/locations': { summary: 'Stock locations: a store per site, a van per engineer', tag: 'parts', access: 'parts:read', replies: [ok(StockLocationListSchema)] },
  'GET /api/stock/locations/:id/movements': { summary: "A location's stock ledger, newest first", tag: 'parts', access: 'parts:read', query: StockMovementListQuerySchema, replies: [ok(StockMovementPageSchema)] },
  'GET /api/stock/locations/:id/balances': {
    summary: "What one location holds (q: name, SKU or barcode; barcode: exact); an engineer reads only their own van (403 otherwise)", tag: 'parts', access: 'parts:read',
    query: StockBalanceListQuerySchema, replies: [ok(StockBalancePageSchema)],
  },
  'POST /api/stock/movements': {
    summary: 'Receive, transfer, adjust or return stock (409 OUT_OF_STOCK: never below zero)', tag: 'parts', access: 'stock:write',
    body: StockMovementInputSchema, replies: [created(StockMovementResponseSchema)],
  },
  'GET /api/stock/low': { summary: 'Parts at or below their minimum stock', tag: 'parts', access: 'parts:read', replies: [ok(LowStockListSchema)] },
  'GET /api/contracts': { summary: 'Service contracts (维保合同) per asset or site', tag: 'parts', access: 'assets:read', query: ContractListQuerySchema, replies: [ok(ContractListSchema)] },
  'POST /api/contracts': { summary: 'Add a service contract (coverage parts, labour or both; start and end dates)', tag: 'parts', access: 'assets:write', body: ContractInputSchema, replies: [created(ContractResponseSchema)] },
  'GET /api/contracts/:id': { summary: 'One contract', tag: 'parts', access: 'assets:read', replies: [ok(ContractResponseSchema)] },
  'PATCH /api/contracts/:id': { summary: 'Edit a contract', tag: 'parts', access: 'assets:write', body: ContractUpdateSchema, replies: [ok(ContractResponseSchema)] },
  'DELETE /api/contracts/:id': { summary: 'Remove a contract', tag: 'parts', access: 'assets:write', replies: [noContent] },
  'POST /api/engineer/jobs/:number/quote': {
    summary: 'Quote a chargeable job: labour, call-out, parts at today\'s prices; a new version each time', tag: 'parts', access: 'jobs:work',
    body: QuoteInputSchema, replies: [created(QuoteResponseSchema)],
  },
  'POST /api/tickets/:number/quote': {
    summary: 'The dispatcher quotes a chargeable ticket (or sends a revised version after a rejection); same versioning as the engineer\'s', tag: 'parts',
    access: 'tickets:dispatch', body: QuoteInputSchema, replies: [created(QuoteResponseSchema)],
  },
  'GET /api/quotes': {
    summary: 'Quote versions in one state, newest first (default `pending`: awaiting the reporter; tickets cancelled or closed left out), keyset paged',
    tag: 'parts', access: 'tickets:dispatch', query: QuoteListQuerySchema, replies: [ok(QuoteQueuePageSchema)],
  },
  'GET /api/settings/labour': { summary: 'Labour rate, call-out fee, whether chargeable work needs an accepted quote', tag: 'settings', access: 'settings:read', replies: [ok(LabourSettingsResponseSchema)] },
  'PUT /api/settings/labour': { summary: 'Set the labour rate and call-out fee', tag: 'settings', access: 'settings:write', body: LabourSettingsSchema, replies: [ok(LabourSettingsResponseSchema)] },
  'POST /api/public/tickets/:trackingToken/quote/accept': {
    summary: "The reporter accepts the quote's version (409 when a newer one exists; a follower cannot)", tag: 'reporter', access: 'public',
    body: QuoteAnswerSchema, replies: [ok(QuoteResponseSchema)],
  },
  'POST /api/public/tickets/:trackingToken/quote/reject': { summary: 'The reporter rejects the quote', tag: 'reporter', access: 'public', body: QuoteAnswerSchema, replies: [ok(QuoteResponseSchema)] },
};
