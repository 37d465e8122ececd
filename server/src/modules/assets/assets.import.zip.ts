import zlib from 'node:zlib';

export type ZipCheck = { ok: true; inflatedBytes: number } | { ok: false; reason: 'unreadable' | 'too_large' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Inflates every entry of a zip, counting the bytes that actually come out and stopping as soon as the
 * total passes `budget`. The sizes the archive declares are never trusted: a patched header cannot make
 * a bomb look small. Output is discarded chunk by chunk, so memory stays flat whatever the archive holds.
 */
export async function checkZipInflation(buffer: Buffer, budget: number): Promise<ZipCheck> {
  const entries = centralEntries(buffer);
  if (!entries) return { ok: false, reason: 'unreadable' };
  let total = 0;
  for (const e of entries) {
    if (e.localOffset + 30 > buffer.length || buffer.readUInt32LE(e.localOffset) !== LOCAL) return { ok: false, reason: 'unreadable' };
    const start = e.localOffset + 30 + buffer.readUInt16LE(e.localOffset + 26) + buffer.readUInt16LE(e.localOffset + 28);
    const data = buffer.subarray(start, Math.min(buffer.length, start + e.compressedSize));
    if (e.method === 0) total += data.length;
    else if (e.method === 8) {
      const out = await inflateCounting(data, budget - total);
      if (out === 'error') return { ok: false, reason: 'unreadable' };
      if (out === 'over') return { ok: false, reason: 'too_large' };
      total += out;
    } else return { ok: false, reason: 'unreadable' };
    if (total > budget) return { ok: false, reason: 'too_large' };
  }
  return { ok: true, inflatedBytes: total };
}

function inflateCounting(data: Buffer, budget: number): Promise<number | 'over' | 'error'> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    let settled = false;
    const settle = (v: number | 'over' | 'error') => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) {
        settle('over');
        inflate.destroy();
      }
    });
    inflate.on('end', () => settle(total));
    inflate.on('error', () => settle('error'));
    inflate.end(data);
  });
}

interface Entry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The central directory's entries, or null when there is no readable directory (or it is zip64). */
function centralEntries(buffer: Buffer): Entry[] | null {
  if (buffer.length < 22) return null;
  const floor = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= floor; i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL) return null;
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const localOffset = buffer.readUInt32LE(offset + 42);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) return null; // zip64: not a spreadsheet we accept
    out.push({ method: buffer.readUInt16LE(offset + 10), compressedSize, localOffset });
    offset += 46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return out;
}
