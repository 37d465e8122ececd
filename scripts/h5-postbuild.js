// After `taro build --type h5`: a favicon (SVG, and an ICO for browsers that ask /favicon.ico), and every text
// asset precompressed as .br and .gz beside it, so the server sends the smaller one without compressing per request.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'miniapp/dist/h5');
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/** An ICO file holding one PNG image (Vista+ ICO: the PNG bytes as they are). */
function icoOf(png, size) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt8(0, 8);
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}

function walk(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function main() {
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`no H5 build in ${dist}`);
  const svg = fs.readFileSync(path.join(__dirname, 'assets/favicon.svg'));
  fs.writeFileSync(path.join(dist, 'favicon.svg'), svg);
  const sharp = require('sharp');
  fs.writeFileSync(path.join(dist, 'favicon.ico'), icoOf(await sharp(svg).resize(32, 32).png().toBuffer(), 32));
  fs.writeFileSync(path.join(dist, 'apple-touch-icon.png'), await sharp(svg).resize(180, 180).png().toBuffer());
  let saved = 0;
  let count = 0;
  for (const file of walk(dist)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const raw = fs.readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    const gz = zlib.gzipSync(raw, { level: 9 });
    fs.writeFileSync(`${file}.br`, br);
    fs.writeFileSync(`${file}.gz`, gz);
    saved += raw.length - br.length;
    count += 1;
  }
  process.stdout.write(`h5-postbuild: favicon written; ${count} files precompressed (brotli saves ${Math.round(saved / 1024)} KiB)\n`);
}

main().catch((err) => {
  process.stderr.write(`h5-postbuild failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
