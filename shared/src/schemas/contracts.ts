import { z } from 'zod';
import { DateOnlySchema, IdSchema } from './common';
import { text } from './text';

/** Service contracts (维保合同): what they cover, for one asset or a whole site, between two days (inclusive). */
export const CONTRACT_COVERAGES = ['parts', 'labour', 'both'] as const;
export const ContractCoverageSchema = z.enum(CONTRACT_COVERAGES);
export type ContractCoverage = z.infer<typeof ContractCoverageSchema>;

const ContractFields = z.object({
  number: text().trim().min(1).max(40),
  assetId: IdSchema.nullable().optional(),
  siteId: IdSchema.nullable().optional(),
  coverage: ContractCoverageSchema,
  startsOn: DateOnlySchema,
  endsOn: DateOnlySchema,
  notes: text().trim().max(500).nullable().optional(),
});

export const ContractInputSchema = ContractFields.superRefine((c, ctx) => {
  if ((c.assetId ?? null) === null && (c.siteId ?? null) === null)
    ctx.addIssue({ code: 'custom', path: ['assetId'], message: 'a contract covers an asset or a site' });
  if (c.assetId && c.siteId) ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'a contract covers an asset or a site, not both' });
  if (c.startsOn > c.endsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'a contract ends on or after the day it starts' });
});
export type ContractInput = z.infer<typeof ContractInputSchema>;
export const ContractUpdateSchema = ContractFields.partial();
export type ContractUpdate = z.infer<typeof ContractUpdateSchema>;

export const ContractListQuerySchema = z.object({
  assetId: IdSchema.optional(),
  siteId: IdSchema.optional(),
  /** Only contracts in force on this day (the tenant's today when `active=true`). */
  active: z.enum(['true', 'false']).optional(),
});
export type ContractListQuery = z.infer<typeof ContractListQuerySchema>;

export const ContractViewSchema = z.object({
  id: z.number(),
  number: z.string(),
  assetId: z.number().nullable(),
  /** The covered asset's name and code (null for a site contract), so a list reads without a lookup per row. */
  asset: z.object({ name: z.string(), code: z.string() }).nullable(),
  siteId: z.number().nullable(),
  coverage: ContractCoverageSchema,
  startsOn: z.string(),
  endsOn: z.string(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContractView = z.infer<typeof ContractViewSchema>;
export const ContractResponseSchema = z.object({ contract: ContractViewSchema });
export const ContractListSchema = z.object({ items: z.array(ContractViewSchema) });
