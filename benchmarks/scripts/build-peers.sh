#!/usr/bin/env bash
# Builds the native addon of better-sqlite3 (SQLite FTS5, the episodic benchmark's peer).
# The default install skips it on purpose: pnpm 10 runs only the build scripts listed in
# pnpm-workspace.yaml's onlyBuiltDependencies, and this one compiles SQLite from source
# (about 2-4 minutes on 2 cores), which `pnpm install` + the README's example must not wait for.
# Node's own headers are used (--nodedir), so nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

if node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null; then
  echo "better-sqlite3: native addon already built"
  exit 0
fi
dir=$(node -p 'require("node:path").dirname(require.resolve("better-sqlite3/package.json"))')
nodedir=$(node -p 'require("node:path").resolve(process.execPath, "../..")')
echo "better-sqlite3: building the native addon in $dir (a few minutes)"
# node-gyp as npm bundles it (what the package's own install script would run).
gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
(cd "$dir" && node "$gyp" rebuild --release --nodedir="$nodedir" --loglevel=warn)
node -e 'new (require("better-sqlite3"))(":memory:").close()'
echo "better-sqlite3: built"
