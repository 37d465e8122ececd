// Compiles the server to server/dist/{main,worker,migrate}.js for plain `node` in production.
// One bundle per entry: @baoxiu/shared (TypeScript sources) is inlined, every npm dependency of the
// server stays external and is loaded from node_modules. esbuild compiles the legacy decorators the
// way tsx does at development time (no emitted metadata: every column declares its type explicitly).
const path = require('node:path');
const fs = require('node:fs');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const serverPkg = require(path.join(root, 'server/package.json'));
// An other directory (the build test's) may be given; it must sit two levels under the root like server/dist.
const outdir = path.resolve(root, process.argv[2] ?? 'server/dist');

async function build() {
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'server/src/main.ts', worker: 'server/src/worker.ts', migrate: 'server/src/migrate.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    tsconfig: 'server/tsconfig.json',
    external: Object.keys(serverPkg.dependencies),
    logLevel: 'warning',
    metafile: true,
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
  for (const [file, meta] of outputs) process.stdout.write(`  ${file}  ${(meta.bytes / 1024).toFixed(0)} KB\n`);
  process.stdout.write(`server compiled in ${Date.now() - started} ms\n`);
}

build().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
