import { z } from 'zod';

/** `POST /api/settings/api-keys`: a key for an integration (the `api` plan module). */
export const ApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, 'a key needs a name').max(60, 'at most 60 characters'),
});
export type ApiKeyInput = z.infer<typeof ApiKeyInputSchema>;

/** A key as listed: never the secret, only its prefix (the first characters, to recognise it). */
export const ApiKeyViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeyViewSchema) });
export type ApiKeyList = z.infer<typeof ApiKeyListSchema>;

/** The answer to creating a key: the only time its secret is shown. */
export const ApiKeyCreatedSchema = z.object({ apiKey: ApiKeyViewSchema, secret: z.string() });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;

/** Every key starts so: the auth middleware tells a key from a session token by it. */
export const API_KEY_PREFIX = 'bxk_';
