import { z } from 'zod';

export const ImportModeSchema = z.enum(['preview', 'commit']);
export const ImportQuerySchema = z.object({ mode: ImportModeSchema.default('preview') });
export const FileFormatSchema = z.enum(['csv', 'xlsx']);
export type FileFormat = z.infer<typeof FileFormatSchema>;
export const TemplateQuerySchema = z.object({ format: FileFormatSchema.default('xlsx') });

export const ImportRowErrorViewSchema = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
  zh: z.string(),
  en: z.string(),
});

/** One line of the file as the import will treat it: created, updated (serial or external id matched), or refused. */
export const ImportRowViewSchema = z.object({
  line: z.number(),
  action: z.enum(['create', 'update']),
  input: z
    .object({
      name: z.string(),
      siteId: z.number(),
      site: z.string(),
      model: z.string().nullable().optional(),
      serial: z.string().nullable().optional(),
      category: z.string().nullable().optional(),
      location: z.string().nullable().optional(),
      warrantyUntil: z.string().nullable().optional(),
      externalId: z.string().nullable().optional(),
    })
    .nullable(),
  errors: z.array(ImportRowErrorViewSchema),
});
export type ImportRowView = z.infer<typeof ImportRowViewSchema>;

export const ImportPreviewSchema = z.object({
  format: FileFormatSchema,
  rows: z.array(ImportRowViewSchema),
  validCount: z.number(),
  errorCount: z.number(),
  createCount: z.number(),
  updateCount: z.number(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportPreviewResponseSchema = z.object({ preview: ImportPreviewSchema });
export const ImportCommitResponseSchema = z.object({
  result: z.object({ created: z.number(), updated: z.number(), skipped: z.number() }),
  preview: ImportPreviewSchema,
});
export type ImportCommitResponse = z.infer<typeof ImportCommitResponseSchema>;
