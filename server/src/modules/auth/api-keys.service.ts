import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { API_KEY_PREFIX, type ApiKeyCreated, type ApiKeyInput, type ApiKeyList, type ApiKeyView } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { StaffActor } from './actor';
import { ApiKey } from './api-key.entity';
import { User } from './user.entity';

/** Active keys a tenant may hold at once. */
export const MAX_ACTIVE_KEYS = 20;
/** `lastUsedAt` is written at most this often per key: a busy integration costs no write per request. */
const LAST_USED_EVERY_MS = 60_000;

const LOOKUP_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const newLookup = (): string => [...randomBytes(10)].map((b) => LOOKUP_ALPHABET[b % LOOKUP_ALPHABET.length]).join('');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function view(k: ApiKey, creator: string): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: `${API_KEY_PREFIX}${k.lookup}`,
    createdBy: { id: k.createdBy, name: creator },
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
  };
}

/** Makes a key; its secret is in this answer only (the database keeps a SHA-256 of it). */
export async function createApiKey(deps: Deps, actor: StaffActor, input: ApiKeyInput): Promise<ApiKeyCreated> {
  const lookup = newLookup();
  const secret = `${API_KEY_PREFIX}${lookup}_${randomBytes(24).toString('base64url')}`;
  const now = deps.clock.now();
  const key = await deps.db.transaction(async (em) => {
    const active = await em.countBy(ApiKey, { tenantId: actor.tenantId, revokedAt: IsNull() });
    if (active >= MAX_ACTIVE_KEYS) throw new AppError('API_KEY_LIMIT', { max: MAX_ACTIVE_KEYS });
    const row = em.create(ApiKey, {
      tenantId: actor.tenantId,
      name: input.name,
      lookup,
      secretHash: sha256(secret),
      createdBy: actor.userId,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    });
    return em.save(row);
  });
  return { apiKey: view(key, actor.name), secret };
}

export async function listApiKeys(deps: Deps, tenantId: number): Promise<ApiKeyList> {
  const keys = await deps.db.ds.getRepository(ApiKey).find({ where: { tenantId }, order: { createdAt: 'DESC', id: 'DESC' } });
  const ids = [...new Set(keys.map((k) => k.createdBy))];
  const users = ids.length
    ? await deps.db.ds.getRepository(User).find({ where: { id: In(ids), tenantId }, select: { id: true, name: true } })
    : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return { items: keys.map((k) => view(k, names.get(k.createdBy) ?? '')) };
}

/** Revokes a key at once (every process: the key is read on each request); revoking twice keeps the first time. */
export async function revokeApiKey(deps: Deps, tenantId: number, id: number): Promise<ApiKeyView> {
  const repo = deps.db.ds.getRepository(ApiKey);
  const key = await repo.findOneBy({ id, tenantId });
  if (!key) throw new AppError('API_KEY_NOT_FOUND', { id });
  if (!key.revokedAt) {
    key.revokedAt = deps.clock.now();
    await repo.update({ id, tenantId, revokedAt: IsNull() }, { revokedAt: key.revokedAt });
  }
  const creator = await deps.db.ds
    .getRepository(User)
    .findOne({ where: { id: key.createdBy, tenantId }, select: { id: true, name: true } });
  return view(key, creator?.name ?? '');
}

/**
 * The actor of a request signed with a key: the admin who made it (still active, still an admin), acting with a
 * dispatcher's permissions. A wrong, revoked or orphaned key is `401 TOKEN_INVALID`, never a hint which.
 */
export async function actorOfApiKey(deps: Deps, token: string): Promise<StaffActor> {
  const match = /^bxk_([a-z0-9]{10})_[A-Za-z0-9_-]{20,64}$/.exec(token);
  if (!match) throw new AppError('TOKEN_INVALID');
  const repo = deps.db.ds.getRepository(ApiKey);
  const key = await repo.findOneBy({ lookup: match[1] });
  const given = Buffer.from(sha256(token), 'hex');
  if (!key || key.revokedAt || !timingSafeEqual(given, Buffer.from(key.secretHash, 'hex'))) throw new AppError('TOKEN_INVALID');
  const creator = await deps.db.ds.getRepository(User).findOneBy({ id: key.createdBy, tenantId: key.tenantId, active: true });
  if (!creator || creator.role !== 'admin') throw new AppError('TOKEN_INVALID');
  const now = deps.clock.now();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await repo.update({ id: key.id }, { lastUsedAt: now });
  }
  return { type: 'dispatcher', userId: creator.id, tenantId: key.tenantId, name: `${creator.name} · API ${key.name}` };
}
