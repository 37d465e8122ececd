import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { In, IsNull, LessThan, type EntityManager } from 'typeorm';
import { AppError } from '../../lib/errors';
import { newUploadId } from '../../lib/ids';
import type { Deps } from '../../deps';
import type { StoredUpload } from '@baoxiu/shared';
import { Upload, type UploadPurpose } from './upload.entity';

const IMAGE_TYPES = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    ext: 'png',
    test: (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b: Buffer) => b.length > 12 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP',
  },
] as const;

/** The type comes from the file's first bytes, never from its name or the client's Content-Type. */
export function sniffImage(buffer: Buffer): { mime: string; ext: string } | null {
  const hit = IMAGE_TYPES.find((t) => t.test(buffer));
  return hit ? { mime: hit.mime, ext: hit.ext } : null;
}

export function uploadUrl(publicId: string): string {
  return `/api/public/uploads/${publicId}`;
}

/** Pixels a photo may decode to (a 10 MB file cannot hold a real photo larger than this; a decompression bomb can). */
const MAX_PIXELS = 50_000_000;

/**
 * Decodes and re-encodes the image in its own format: what is stored is pixels only, with EXIF (GPS
 * position, device, owner), XMP, ICC comments and anything appended after the image data dropped.
 * The orientation EXIF carried is applied to the pixels first, so the photo still shows upright.
 */
export async function reencodeImage(buffer: Buffer, ext: string): Promise<Buffer> {
  try {
    const img = sharp(buffer, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    if (ext === 'jpg') return await img.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
    if (ext === 'png') return await img.png().toBuffer();
    return await img.webp({ quality: 85 }).toBuffer();
  } catch {
    // Right magic bytes, but not a decodable image (or one too large to decode).
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: 'not a readable image' });
  }
}

export async function storeUpload(deps: Deps, original: Buffer): Promise<StoredUpload> {
  const type = sniffImage(original);
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const buffer = await reencodeImage(original, type.ext);
  const publicId = newUploadId();
  const now = deps.clock.now();
  const rel = path.join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), `${publicId}.${type.ext}`);
  const abs = path.join(deps.config.uploadDir, rel);
  await fs.promises.mkdir(path.dirname(abs), { recursive: true, mode: 0o700 });
  await fs.promises.writeFile(abs, buffer, { flag: 'wx' });
  try {
    await deps.db.transaction((em) =>
      em.insert(Upload, {
        publicId,
        tenantId: null,
        ticketId: null,
        purpose: null,
        path: rel,
        mime: type.mime,
        size: buffer.length,
        createdAt: now,
      }),
    );
  } catch (err) {
    await fs.promises.rm(abs, { force: true });
    throw err;
  }
  return { id: publicId, url: uploadUrl(publicId) };
}

export async function openUpload(deps: Deps, publicId: string): Promise<{ upload: Upload; stream: fs.ReadStream }> {
  const upload = await deps.db.ds.getRepository(Upload).findOneBy({ publicId });
  if (!upload) throw new AppError('UPLOAD_NOT_FOUND');
  const abs = path.join(deps.config.uploadDir, upload.path);
  try {
    await fs.promises.access(abs);
  } catch {
    throw new AppError('UPLOAD_NOT_FOUND');
  }
  return { upload, stream: fs.createReadStream(abs) };
}

/** Attaches unclaimed photos to a ticket; a missing or already used id fails the whole transaction. */
export async function claimPhotos(
  em: EntityManager,
  target: { tenantId: number; ticketId: number; purpose: UploadPurpose },
  publicIds: string[],
): Promise<void> {
  const ids = [...new Set(publicIds)];
  if (ids.length === 0) return;
  const result = await em.update(Upload, { publicId: In(ids), ticketId: IsNull() }, target);
  if (result.affected !== ids.length) throw new AppError('PHOTO_NOT_FOUND', { photoIds: ids });
}

export async function photosOf(em: EntityManager, ticketIds: number[], purpose: UploadPurpose): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ticketIds.length === 0) return out;
  const rows = await em.find(Upload, { where: { ticketId: In(ticketIds), purpose }, order: { id: 'ASC' } });
  for (const r of rows) {
    const list = out.get(r.ticketId as number) ?? [];
    list.push(uploadUrl(r.publicId));
    out.set(r.ticketId as number, list);
  }
  return out;
}

/** Uploads no ticket claimed within a day are someone's abandoned form (or abuse): file and row go. */
export const UNCLAIMED_UPLOAD_TTL_MS = 24 * 3_600_000;

export async function sweepUnclaimedUploads(deps: Deps, batch = 500): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - UNCLAIMED_UPLOAD_TTL_MS);
  const repo = deps.db.ds.getRepository(Upload);
  const stale = await repo.find({ where: { ticketId: IsNull(), createdAt: LessThan(cutoff) }, order: { id: 'ASC' }, take: batch });
  if (stale.length === 0) return 0;
  // Rows first, and only those still unclaimed: a ticket claiming a photo this instant keeps it.
  const deleted = await deps.db.ds
    .createQueryBuilder()
    .delete()
    .from(Upload)
    .where('id IN (:...ids) AND ticketId IS NULL', { ids: stale.map((u) => u.id) })
    .execute();
  const left = new Set((await repo.findBy({ id: In(stale.map((u) => u.id)) })).map((u) => u.id));
  for (const u of stale) {
    if (!left.has(u.id)) await fs.promises.rm(path.join(deps.config.uploadDir, u.path), { force: true });
  }
  return deleted.affected ?? stale.length - left.size;
}
