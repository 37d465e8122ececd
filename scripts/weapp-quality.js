// WeChat's own judgement of the weapp build (miniprogram-ci): the code-quality scan the DevTools show and the
// dependency analysis, as one JSON line on stdout. Build first: `npm run build:weapp -w miniapp`.
// Its Project refuses to exist without an upload key, though neither scan uses one: a throwaway RSA key made
// here, in memory, never written, satisfies the constructor. Nothing is uploaded or previewed.
const path = require('node:path');
const { generateKeyPairSync } = require('node:crypto');
const ci = require('miniprogram-ci');

async function main() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: path.join(__dirname, '..', 'miniapp'),
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    ignores: ['node_modules/**/*'],
  });
  const quality = await ci.checkCodeQuality(project);
  const analysis = await ci.analyseCode(project, { silent: true });
  const files = (analysis && analysis.files) || [];
  const result = {
    quality: quality.map((q) => ({ name: q.name, success: q.success, text: q.text })),
    files: files.map((f) => ({ path: f.path, size: f.size, subPackage: f.subPackage || null })),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// analyseCode leaves a file watcher open: exit explicitly once the answer is out.
main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
