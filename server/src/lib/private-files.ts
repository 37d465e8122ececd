import fs from 'node:fs';

/** Owner-only: DATA_DIR holds the database, the JWT secret and reporters' photos. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates dir (and missing parents) readable by the owner only; an existing directory is left as it is. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates file empty and owner-only if missing, or narrows an existing one we own to 0600. SQLite then
 * gives its -wal and -shm files the database file's permissions.
 */
export function ensurePrivateFile(file: string): void {
  try {
    fs.writeFileSync(file, '', { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    try {
      fs.chmodSync(file, PRIVATE_FILE_MODE);
    } catch {
      // Not ours (a volume prepared by someone else): its owner decides.
    }
  }
}
