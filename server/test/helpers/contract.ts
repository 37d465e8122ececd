import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { isErrorCode, type CreateTicketResponse, type ErrorCode, type Page, type StaffTicket } from '@baoxiu/shared';
import type { Deps } from '../../src/deps';
import { Tenant } from '../../src/modules/tenants/tenant.entity';
import { Site } from '../../src/modules/assets/site.entity';
import { Asset } from '../../src/modules/assets/asset.entity';
import { User } from '../../src/modules/auth/user.entity';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../../src/modules/tickets/ticket-event.entity';
import { Offer } from '../../src/modules/dispatch/offer.entity';
import { Upload } from '../../src/modules/uploads/upload.entity';
import { KbArticle, KbEvent, KbSynonymSet } from '../../src/modules/kb/kb.entity';
import { OutboxRow } from '../../src/queue/outbox.entity';
import { waitFor } from './system';
import { auth } from './factories';
import { PmOccurrenceRow, PmPlanRow } from '../../src/modules/pm/pm.entity';
import { Part } from '../../src/modules/parts/part.entity';
import { ServiceContract } from '../../src/modules/parts/contract.entity';
import { LabourSettingsRow, TicketQuote } from '../../src/modules/parts/quote.entity';
import { StockBalance, StockLocation, StockMovement } from '../../src/modules/parts/stock.entity';

/** The one error shape of API.md: `{ error: { code, message, details } }`. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The error of an answer if it has exactly the contract's shape with a known code, else null. */
export function errorOf(body: unknown): ApiError | null {
  if (!isRecord(body) || Object.keys(body).length !== 1 || !isRecord(body.error)) return null;
  const { code, message, details } = body.error;
  if (!isErrorCode(code) || typeof message !== 'string' || message.length === 0 || !isRecord(details)) return null;
  return { code, message, details };
}

/** Asserts status, JSON content type and the error shape with this exact code; returns the error. */
export function expectError(res: Response, status: number, code: ErrorCode): ApiError {
  const error = errorOf(res.body);
  expect({ status: res.status, code: error?.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return error as ApiError;
}

/** The `path`s of `details.issues` of a VALIDATION_FAILED answer. */
export function issuePaths(error: ApiError): string[] {
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i: unknown) => (isRecord(i) && typeof i.path === 'string' ? [i.path] : []));
}

export async function fileTicket(http: TestAgent, key: string, input: Record<string, unknown>): Promise<CreateTicketResponse['ticket']> {
  const res = await http.post('/api/public/tickets').set('Idempotency-Key', key).send(input);
  expect(res.status).toBe(201);
  return (res.body as CreateTicketResponse).ticket;
}

/** Waits until dispatch has offered ticket `number` to the engineer holding `token`. */
export async function waitForOffer(http: TestAgent, token: string, number: string): Promise<StaffTicket> {
  return waitFor(async () => {
    const res = await http.get('/api/engineer/jobs?status=offered&pageSize=100').set(auth(token));
    return (res.body as Page<StaffTicket>).items?.find((t) => t.number === number);
  }, `ticket ${number} to be offered`);
}

/** Every row of a tenant the matrix must leave alone, in a stable order. */
export async function snapshotTenant(deps: Deps, tenantId: number) {
  const ds = deps.db.ds;
  const order = { id: 'ASC' } as const;
  return {
    tenant: await ds.getRepository(Tenant).findOneByOrFail({ id: tenantId }),
    sites: await ds.getRepository(Site).find({ where: { tenantId }, order }),
    assets: await ds.getRepository(Asset).find({ where: { tenantId }, order }),
    users: await ds.getRepository(User).find({ where: { tenantId }, order }),
    tickets: await ds.getRepository(Ticket).find({ where: { tenantId }, order }),
    offers: await ds.getRepository(Offer).find({ where: { tenantId }, order }),
    ticketEvents: await ds.getRepository(TicketEvent).countBy({ tenantId }),
    uploads: await ds.getRepository(Upload).find({ where: { tenantId }, order }),
    kbArticles: await ds.getRepository(KbArticle).find({ where: { tenantId }, order }),
    kbSynonyms: await ds.getRepository(KbSynonymSet).findBy({ tenantId }),
    kbEvents: await ds.getRepository(KbEvent).countBy({ tenantId }),
    pmPlans: await ds.getRepository(PmPlanRow).find({ where: { tenantId }, order }),
    pmOccurrences: await ds.getRepository(PmOccurrenceRow).find({ where: { tenantId }, order }),
    parts: await ds.getRepository(Part).find({ where: { tenantId }, order }),
    stockLocations: await ds.getRepository(StockLocation).find({ where: { tenantId }, order }),
    stockBalances: await ds.getRepository(StockBalance).find({ where: { tenantId }, order: { partId: 'ASC', locationId: 'ASC' } }),
    stockMovements: await ds.getRepository(StockMovement).find({ where: { tenantId }, order }),
    contracts: await ds.getRepository(ServiceContract).find({ where: { tenantId }, order }),
    quotes: await ds.getRepository(TicketQuote).find({ where: { tenantId }, order }),
    labourSettings: await ds.getRepository(LabourSettingsRow).find({ where: { tenantId } }),
  };
}

function filesUnder(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : 1), 0);
}

/** Row counts of everything an intake or an upload writes, and the stored files. */
export async function storedCounts(deps: Deps) {
  const ds = deps.db.ds;
  return {
    tickets: await ds.getRepository(Ticket).count(),
    ticketEvents: await ds.getRepository(TicketEvent).count(),
    offers: await ds.getRepository(Offer).count(),
    outbox: await ds.getRepository(OutboxRow).count(),
    uploads: await ds.getRepository(Upload).count(),
    claimedUploads: await ds.getRepository(Upload).createQueryBuilder('u').where('u.ticketId IS NOT NULL').getCount(),
    files: filesUnder(deps.config.uploadDir),
  };
}
