import { In } from 'typeorm';
import type { PublicAssetResponse } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { dayInZone } from '../../lib/time';
import { Asset } from './asset.entity';

/**
 * The scan answer (`GET /api/public/assets/:code`) kept ready in Redis (memory when embedded), so a
 * scan costs one MGET instead of four queries.
 *
 * Freshness: each code has a version counter next to its entry; every committed change to the asset,
 * its site or its tickets bumps it (the post-commit hook in buildDeps → touchAssets), and an entry is served only while
 * the version it was computed under is still current. The version is read before the database, so a
 * change that commits while an answer is being computed leaves that answer stale-marked, never served.
 * The warranty flag depends on the tenant's day, so an entry also records the day it was computed for.
 * If Redis is away during a change, entries expire after ENTRY_TTL_SECONDS at the latest.
 */
const ENTRY_TTL_SECONDS = 60;
const VERSION_TTL_SECONDS = 7 * 24 * 3600;

const entryKey = (code: string) => `scan:e:${code}`;
const versionKey = (code: string) => `scan:v:${code}`;

interface EntryHead {
  /** The version counter's value when the answer was computed ('0' when it had never been bumped). */
  v: string;
  tz: string;
  day: string;
}

/** The cached JSON for this code if still current, and the version to store a fresh answer under. */
export async function readScanEntry(deps: Deps, code: string, now: Date): Promise<{ json: string | null; version: string } | null> {
  let got: Array<string | null>;
  try {
    got = await deps.kv.getMany([entryKey(code), versionKey(code)]);
  } catch {
    return null; // Redis away: answer from the database, store nothing.
  }
  const [entry, current] = got;
  const version = current ?? '0';
  if (!entry) return { json: null, version };
  const cut = entry.indexOf('\n');
  const head = JSON.parse(entry.slice(0, cut)) as EntryHead;
  if (head.v !== version || dayInZone(now, head.tz) !== head.day) return { json: null, version };
  return { json: entry.slice(cut + 1), version };
}

export async function writeScanEntry(
  deps: Deps,
  code: string,
  version: string,
  tz: string,
  day: string,
  body: PublicAssetResponse,
): Promise<string> {
  const json = JSON.stringify(body);
  const head: EntryHead = { v: version, tz, day };
  await deps.kv.set(entryKey(code), `${JSON.stringify(head)}\n${json}`, ENTRY_TTL_SECONDS).catch(() => undefined);
  return json;
}

/**
 * Asset id → code per database (a code never changes), so a commit's notice needs no query; bounded,
 * oldest forgotten first.
 */
export type AssetCodeCache = Map<number, string>;
const CODES_KEPT = 50_000;

/** One per system (Deps.assetCodes). */
export function newAssetCodeCache(): AssetCodeCache {
  return new Map();
}
function remember(codeOf: Map<number, string>, id: number, code: string): void {
  if (codeOf.size >= CODES_KEPT) codeOf.delete(codeOf.keys().next().value as number);
  codeOf.set(id, code);
}

/** Codes the caller has read anyway (PM generation knows its assets): the commit's notice then needs no lookup. */
export function knowAssetCodes(codeOf: AssetCodeCache, assets: ReadonlyArray<{ id: number; code: string }>): void {
  for (const a of assets) if (!codeOf.has(a.id)) remember(codeOf, a.id, a.code);
}

/** After a commit: bumps the version of every asset the transaction touched. Best effort, never throws. */
export async function touchAssets(deps: Deps, assetIds: ReadonlySet<number>): Promise<void> {
  try {
    const ids = [...assetIds];
    const codeOf = deps.assetCodes;
    const unknown = ids.filter((id) => !codeOf.has(id));
    if (unknown.length > 0) {
      const rows = await deps.db.ds.getRepository(Asset).find({ where: { id: In(unknown) }, select: { id: true, code: true } });
      for (const r of rows) remember(codeOf, r.id, r.code);
    }
    await deps.kv.incrMany(
      ids.flatMap((id) => {
        const code = codeOf.get(id);
        return code ? [versionKey(code)] : [];
      }),
      VERSION_TTL_SECONDS,
    );
  } catch (err) {
    deps.log.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'scan cache: could not mark assets changed; entries expire on their own',
    );
  }
}

/** For the rare change that reaches many assets at once (a site renamed): by code, without a lookup. */
export async function touchCodes(deps: Deps, codes: string[]): Promise<void> {
  await deps.kv.incrMany(codes.map(versionKey), VERSION_TTL_SECONDS).catch(() => undefined);
}
