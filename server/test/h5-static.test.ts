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
  const wire = (url: string, acceptEncoding: string) =>
    new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const server = app.listen(0, () => {
        const { port } = server.address() as AddressInfo;
        http
          .get({ host: '127.0.0.1', port, path: url, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              server.close();
              resolve({ headers: res.headers, body: Buffer.concat(chunks) });
            });
          })
          .on('error', reject);
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

describe('the QR landing /r/<code> with the device already named', () => {
  const dir = fakeBuild();
  const scans = new Map<string, string>([
    [
      'ABCDEF123456',
      JSON.stringify({
        asset: { code: 'ABCDEF123456', name: '2 号客梯 <script>alert(1)</script>', site: '浦东 A 座', location: '2F & 3F' },
        openTickets: [{ number: 'BX-1', description: '</script><img src=x onerror=alert(1)>' }],
      }),
    ],
  ]);
  const asked: string[] = [];
  const app = new Koa();
  app.use(
    serveH5(dir, async (code) => {
      asked.push(code);
      return scans.get(code) ?? null;
    }),
  );
  const agent = request(app.callback());

  it('draws the asset name, site and location into the page, escaped, before any script runs', async () => {
    const res = await agent.get('/r/abcdef-123456').set('Accept-Language', 'zh-CN').expect(200);
    expect(asked).toContain('ABCDEF123456'); // the same normalisation as the client: case and dashes ignored
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('id="bx-landing"');
    expect(res.text).toContain('2 号客梯 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('浦东 A 座 · 2F &amp; 3F');
    expect(res.text).toContain('正在打开报修页面');
    expect(res.text).not.toContain('<script>alert(1)');
  });

  it('embeds the scan answer as JSON that no text inside it can break out of', async () => {
    const res = await agent.get('/r/ABCDEF123456').expect(200);
    const match = /<script id="bx-scan" type="application\/json">([\s\S]*?)<\/script>/.exec(res.text);
    expect(match).not.toBeNull();
    expect(match?.[1]).not.toContain('<');
    const embedded = JSON.parse(match?.[1] ?? '') as { openTickets: Array<{ description: string }> };
    expect(embedded.openTickets[0].description).toBe('</script><img src=x onerror=alert(1)>');
  });

  it('speaks English to an English browser', async () => {
    const res = await agent.get('/r/ABCDEF123456').set('Accept-Language', 'en-US,en;q=0.9').expect(200);
    expect(res.text).toContain('Opening the repair page');
  });

  it('compresses the drawn page for a browser that accepts brotli or gzip', async () => {
    const br = await agent
      .get('/r/ABCDEF123456')
      .set('Accept-Encoding', 'br')
      .buffer(true)
      .parse((r, done) => {
        const c: Buffer[] = [];
        r.on('data', (d: Buffer) => c.push(d));
        r.on('end', () => done(null, Buffer.concat(c)));
      });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
  });

  it('sends the plain page for a code no asset has or one too short to be a code, and 400 for a malformed URL', async () => {
    const unknown = await agent.get('/r/ZZZZZZ999999').expect(200);
    expect(unknown.text).toBe('<!doctype html><div id="app"></div>');
    const junk = await agent.get('/r/%E0%A4%A').expect(400); // a malformed escape: no page, no lookup
    expect(junk.text).toMatch(/malformed URL/);
    const short = await agent.get('/r/AB').expect(200);
    expect(short.text).not.toContain('bx-landing');
    expect(asked).not.toContain('AB');
  });
});
