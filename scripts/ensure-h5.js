// Builds the H5 pages on first start, so `npm install && npm start` serves the reporter and engineer
// pages too. Skipped when the build exists (or SKIP_H5_BUILD is set, e.g. API-only containers).
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const index = path.join(root, 'miniapp/dist/h5/index.html');
if (process.env.SKIP_H5_BUILD || fs.existsSync(index)) process.exit(0);
process.stdout.write('首次启动：正在构建 H5 页面（约 1 分钟）… / First start: building the H5 pages (about a minute)…\n');
// Webpack's progress bar redraws thousands of times: on a terminal that is one line, in a log file 2,500.
// Not a terminal: keep the build's output and show its tail only if it fails.
const tty = Boolean(process.stderr.isTTY);
const started = Date.now();
const result = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp', '--silent'], {
  cwd: root,
  stdio: ['ignore', 'ignore', tty ? 'inherit' : 'pipe'],
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (result.status !== 0) {
  if (!tty && result.stderr) process.stderr.write(`${result.stderr.split('\n').slice(-40).join('\n')}\n`);
  process.stderr.write('H5 build failed; the API still starts, pages answer 503 until `npm run build:h5 -w miniapp` works.\n');
} else {
  process.stdout.write(`H5 pages built in ${Math.round((Date.now() - started) / 1000)} s.\n`);
}
