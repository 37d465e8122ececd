#!/usr/bin/env bash
# Fails when `npm ci` would refuse package-lock.json (out of sync with a package.json, or missing an
# optional platform binary a dependency declares). Runs on a copy of the manifests only, so it never
# touches node_modules and takes seconds.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$root/package.json" "$root/package-lock.json" "$tmp/"
[ -f "$root/.npmrc" ] && cp "$root/.npmrc" "$tmp/"
for ws in $(node -e "console.log(require('$root/package.json').workspaces.join(' '))"); do
  mkdir -p "$tmp/$ws" && cp "$root/$ws/package.json" "$tmp/$ws/"
done
log="$tmp/npm-ci.log"
if ! (cd "$tmp" && npm ci --dry-run --no-audit --no-fund >"$log" 2>&1) || grep -Eq 'not in sync|EUSAGE' "$log"; then
  grep -E 'npm (error|warn)' "$log" | head -20 >&2
  echo "check-lockfile: package-lock.json is not npm ci-clean; run \`npm install\` and commit the lockfile" >&2
  exit 1
fi
# Install scripts no allowScripts entry decides on (npm 11 warns and still runs them; npm 12 will not).
if grep -q 'not yet covered by allowScripts' "$log"; then
  grep 'install-scripts' "$log" >&2
  echo "check-lockfile: add the packages above to allowScripts in package.json (true to run, false to skip)" >&2
  exit 1
fi
echo "check-lockfile: npm ci accepts package-lock.json"
