// Builds the H5 pages on first start, so `npm install && npm start` serves the reporter and engineer
// pages too. Skipped when the build exists (or SKIP_H5_BUILD is set, e.g. API-only containers).
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const index = path.join(root, 'miniapp/dist/h5/index.html');
if (process.env.SKIP_H5_BUILD || fs.existsSync(index)) process.exit(0);
process.stdout.write('首次启动：正在构建 H5 页面（约半分钟）… / First start: building the H5 pages (about 30 s)…\n');
const result = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (result.status !== 0) {
  process.stderr.write('H5 build failed; the API still starts, pages answer 503 until `npm run build:h5 -w miniapp` works.\n');
}
