import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { createLogger } from '../src/lib/logger';
import { startSystem } from '../src/system';

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bx-startup-'));
const base = (dataDir: string) => ({
  PORT: '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  H5_DIR: path.join(dataDir, 'h5'),
});

describe('start-up configuration', () => {
  it('binds the loopback address unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
  });

  it('listens on 127.0.0.1 by default, so the demo is not reachable from the network', async () => {
    const dir = tmp();
    const system = await startSystem(loadConfig({ ...base(dir), NODE_ENV: 'test' }), { log: createLogger('silent'), sweepIntervalMs: 0 });
    try {
      const address = system.server?.address();
      expect(typeof address === 'object' && address ? address.address : null).toBe('127.0.0.1');
    } finally {
      await system.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without JWT_SECRET, before touching the database', async () => {
    const dir = path.join(tmp(), 'data');
    const config = loadConfig({ ...base(dir), NODE_ENV: 'production' });
    const started = startSystem(config, { log: createLogger('silent') });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/JWT_SECRET must be set when NODE_ENV=production/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('starts in production with JWT_SECRET and uses it, writing no secret file', async () => {
    const dir = tmp();
    const secret = 'a-production-secret-of-enough-length';
    const system = await startSystem(
      loadConfig({ ...base(dir), NODE_ENV: 'production', JWT_SECRET: secret, OPERATOR_TOKEN: 'operator-token-0123456789abcdef' }),
      { log: createLogger('silent') },
    );
    try {
      expect(system.deps.jwtSecret).toBe(secret);
      expect(fs.existsSync(path.join(dir, 'jwt-secret'))).toBe(false);
    } finally {
      await system.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates DATA_DIR 0700 and the SQLite file, its -wal and -shm, and the jwt-secret file 0600', async () => {
    const parent = tmp();
    const dir = path.join(parent, 'nested', 'data');
    const system = await startSystem(loadConfig({ ...base(dir), NODE_ENV: 'development' }), {
      log: createLogger('silent'),
      sweepIntervalMs: 0,
    });
    try {
      // A write, so SQLite has opened its write-ahead log and shared-memory index.
      await system.deps.db.ds.query('CREATE TABLE perm_probe (id integer)');
      const db = path.join(dir, 'baoxiu.sqlite');
      expect(mode(dir)).toBe(0o700);
      for (const file of [db, `${db}-wal`, `${db}-shm`, path.join(dir, 'jwt-secret')]) {
        expect({ file: path.basename(file), mode: mode(file).toString(8) }).toEqual({ file: path.basename(file), mode: '600' });
      }
    } finally {
      await system.stop();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('narrows an existing world-readable SQLite file to 0600 on start', async () => {
    const dir = tmp();
    const db = path.join(dir, 'baoxiu.sqlite');
    fs.writeFileSync(db, '');
    fs.chmodSync(db, 0o644);
    const system = await startSystem(loadConfig({ ...base(dir), NODE_ENV: 'development' }), {
      log: createLogger('silent'),
      sweepIntervalMs: 0,
    });
    try {
      expect(mode(db)).toBe(0o600);
    } finally {
      await system.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
