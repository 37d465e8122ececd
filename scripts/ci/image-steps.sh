#!/usr/bin/env bash
# Runs the Dockerfile's steps outside Docker (no engine on CI machines), in a temporary copy of the build
# context, so a broken step fails CI:
#   build     npm ci (the repo's fresh `npm ci` tree, hard-linked: same lockfile, no second install) + npm run build
#   prod-deps npm ci --omit=dev --workspace server: checked with --dry-run, then the same package set assembled
#             from the installed tree (hard links) and compared with what the dry run would install
#   runtime   only node_modules (production) + server/dist + miniapp/dist/h5, DATA_DIR 0700; the CMD starts
#             and the HEALTHCHECK command passes; migrate runs; no dev-only package is present
# Keep the `expect_step` lines in step with the Dockerfile.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
log() { printf '[image-steps] %s\n' "$*"; }
fail() { printf '[image-steps] FAIL: %s\n' "$*" >&2; exit 1; }
expect_step() { grep -qF -- "$1" Dockerfile || fail "Dockerfile no longer has \`$1\`: update scripts/ci/image-steps.sh with it"; }

expect_step 'RUN npm ci --no-audit --no-fund'
expect_step 'RUN npm run build'
expect_step 'RUN npm ci --omit=dev --workspace server --no-audit --no-fund'
expect_step 'COPY --from=build /app/server/dist ./server/dist'
expect_step 'COPY --from=build /app/miniapp/dist/h5 ./miniapp/dist/h5'
expect_step 'USER node'
expect_step "HEALTHCHECK"
expect_step "/healthz"
expect_step 'CMD ["node", "--enable-source-maps", "server/dist/main.js"]'
[ -d node_modules ] || fail "run npm ci first (the build step reuses its tree)"

tmp="$(mktemp -d)"
api_pid=""
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

log "context: tracked and untracked, non-ignored files (as .dockerignore leaves them)"
ctx="$tmp/build"
mkdir -p "$ctx"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | xargs -0 cp --parents -t "$ctx"

log "build: node_modules from the repo's npm ci (hard links), then npm run build"
cp -al node_modules "$ctx/node_modules"
for ws in shared server miniapp; do [ -d "$ws/node_modules" ] && cp -al "$ws/node_modules" "$ctx/$ws/node_modules"; done
started=$SECONDS
(cd "$ctx" && npm run build --silent) >"$tmp/build.log" 2>&1 || { tail -40 "$tmp/build.log" >&2; fail "npm run build"; }
[ -f "$ctx/server/dist/main.js" ] && [ -f "$ctx/server/dist/worker.js" ] && [ -f "$ctx/server/dist/migrate.js" ] || fail "no server/dist bundles"
[ -f "$ctx/miniapp/dist/h5/index.html" ] || fail "no miniapp/dist/h5/index.html"
log "  built in $((SECONDS - started)) s"

log "prod-deps: npm ci --omit=dev --workspace server --dry-run on the manifests"
man="$tmp/manifests"
mkdir -p "$man"/{shared,server,miniapp}
cp package.json package-lock.json .npmrc "$man/"
for ws in shared server miniapp; do cp "$ws/package.json" "$man/$ws/"; done
(cd "$man" && npm ci --omit=dev --workspace server --dry-run --no-audit --no-fund) >"$tmp/prod-ci.log" 2>&1 \
  || { tail -20 "$tmp/prod-ci.log" >&2; fail "npm ci --omit=dev --workspace server"; }
sed -n 's/^add \(.*\) \(.*\)$/\1@\2/p' "$tmp/prod-ci.log" | sort -u >"$tmp/would-install.txt"

log "runtime: assemble production node_modules from the installed tree"
rt="$tmp/runtime"
mkdir -p "$rt/node_modules" "$rt/server" "$rt/miniapp/dist"
npm ls --omit=dev --workspace server --all --parseable 2>/dev/null | grep '/node_modules/' | sed "s#^$root/##" | grep -v '^node_modules/@baoxiu/' | sort -u >"$tmp/prod-paths.txt"
# Sorted, so a package comes before the ones nested in it; each is copied without its own node_modules.
while IFS= read -r p; do
  mkdir -p "$rt/$(dirname "$p")"
  cp -al "$p" "$rt/$p"
  rm -rf "$rt/$p/node_modules"
done <"$tmp/prod-paths.txt"
node -e "for (const p of require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean)) { const m = require('./' + p + '/package.json'); console.log(m.name + '@' + m.version); }" \
  <"$tmp/prod-paths.txt" | sort -u >"$tmp/assembled.txt"
# What the runtime check below relies on must be what the image gets: nothing beyond npm ci --omit=dev.
extra="$(comm -13 <(grep -v '^@baoxiu/' "$tmp/would-install.txt") "$tmp/assembled.txt")"
[ -z "$extra" ] || { echo "$extra" | head -20 >&2; fail "packages above are in the installed production tree but npm ci --omit=dev would not install them"; }
log "  $(wc -l <"$tmp/assembled.txt") production packages, all among the $(wc -l <"$tmp/would-install.txt") npm ci --omit=dev installs"
for dev in tsx esbuild typescript jest @tarojs/cli react webpack; do
  [ ! -e "$rt/node_modules/$dev" ] || fail "dev-only package $dev in the production tree"
done
cp package.json "$rt/"
cp server/package.json "$rt/server/"
cp -r "$ctx/server/dist" "$rt/server/dist"
cp -r "$ctx/miniapp/dist/h5" "$rt/miniapp/dist/h5"
mkdir -m 0700 "$rt/data"

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
export NODE_ENV=production HOST=127.0.0.1 PORT="$port" DATA_DIR="$rt/data" JWT_SECRET="image-steps-secret-0123456789abcdef" OPERATOR_TOKEN="image-steps-operator-0123456789abcdef" LOG_LEVEL=warn
log "runtime: migrate, then CMD (node --enable-source-maps server/dist/main.js) on port $port"
(cd "$rt" && node --enable-source-maps server/dist/migrate.js) >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; fail "migrate"; }
(cd "$rt" && exec node --enable-source-maps server/dist/main.js) >"$tmp/api.log" 2>&1 &
api_pid=$!
healthy=""
for _ in $(seq 1 120); do
  kill -0 "$api_pid" 2>/dev/null || { cat "$tmp/api.log" >&2; fail "the API exited during start-up"; }
  # The Dockerfile's HEALTHCHECK command, verbatim.
  if (cd "$rt" && node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"); then healthy=1; break; fi
  sleep 0.5
done
[ -n "$healthy" ] || { cat "$tmp/api.log" >&2; fail "HEALTHCHECK never passed"; }
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || fail "/readyz"
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="app"' || fail "the H5 pages are not served"
kill -TERM "$api_pid"
wait "$api_pid" || fail "the API did not stop cleanly on SIGTERM"
api_pid=""
log "ok: build, production dependencies and the runtime stage work"
