import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Koa from 'koa';
import request from 'supertest';
import { serveH5 } from '../src/web/h5';

/** A fake H5 build: index.html, a hashed script with its precompressed copies, a favicon, an unhashed file. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-h5-'));
  fs.mkdirSync(path.join(dir, 'js'));
  const js = 'console.log("报修");\n'.repeat(200);
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
  fs.writeFileSync(path.join(dir, 'js/app.1a2b3c4d.js'), js);
  fs.writeFileSync(path.join(dir, 'js/app.1a2b3c4d.js.br'), zlib.brotliCompressSync(js));
  fs.writeFileSync(path.join(dir, 'js/app.1a2b3c4d.js.gz'), zlib.gzipSync(js));
  fs.writeFileSync(path.join(dir, 'js/plain.js'), js);
  fs.writeFileSync(path.join(dir, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  return dir;
}

describe('serving the H5 build', () => {
  const dir = fakeBuild();
  const app = new Koa();
  app.use(serveH5(dir));
  const agent = request(app.callback());
  const raw = fs.readFileSync(path.join(dir, 'js/app.1a2b3c4d.js'));

  /** The bytes on the wire, undecoded (supertest and fetch would decompress them). */
  const wire = (url: string, acceptEncoding: string) => new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const server = app.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      http.get({ host: '127.0.0.1', port, path: url, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => { server.close(); resolve({ headers: res.headers, body: Buffer.concat(chunks) }); });
      }).on('error', reject);
    });
  });

  it('sends the brotli copy to a browser that accepts it, gzip to one that accepts only gzip, the file itself otherwise', async () => {
    const br = await wire('/js/app.1a2b3c4d.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.body.length).toBeLessThan(raw.length / 5);
    expect(zlib.brotliDecompressSync(br.body).equals(raw)).toBe(true);
    const gz = await wire('/js/app.1a2b3c4d.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(raw)).toBe(true);
    const plain = await wire('/js/app.1a2b3c4d.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(raw)).toBe(true);
    // No precompressed copy: the file as it is, even to a brotli browser.
    const unpacked = await wire('/js/plain.js', 'br');
    expect(unpacked.headers['content-encoding']).toBeUndefined();
    expect(unpacked.body.equals(raw)).toBe(true);
  });

  it('caches content-hashed files for a year as immutable, revalidates index.html, an hour for the rest', async () => {
    expect((await agent.get('/js/app.1a2b3c4d.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await agent.get('/js/plain.js')).headers['cache-control']).toBe('public, max-age=3600');
    expect((await agent.get('/')).headers['cache-control']).toBe('no-cache');
    const qr = await agent.get('/r/ABCDEF123456').expect(200);
    expect(qr.headers['cache-control']).toBe('no-cache');
    expect(qr.text).toContain('<div id="app">');
  });

  it('answers /favicon.ico, and 404 for a missing asset rather than the page', async () => {
    const icon = await agent.get('/favicon.ico').expect(200);
    expect(icon.headers['content-type']).toBe('image/x-icon');
    await agent.get('/js/missing.1a2b3c4d.js').expect(404);
  });
});
