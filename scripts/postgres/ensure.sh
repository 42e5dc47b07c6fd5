#!/usr/bin/env bash
# `npm test`'s step before the suites: start the loopback PostgreSQL (up.sh).
# It needs root (the server runs as the postgres account) or password-less sudo.
# Without either, on a developer's machine, the PostgreSQL tests skip and each
# says why; in CI (CI=true) that is an error, since the suite must run them.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
  exec bash "$HERE/up.sh"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  exec sudo -n --preserve-env=RESETDESK_POSTGRES_DIR,RESETDESK_POSTGRES_PORT bash "$HERE/up.sh"
elif [ "${CI:-}" = "true" ]; then
  echo "postgres: CI needs root or password-less sudo to start PostgreSQL." >&2
  exit 1
else
  echo "postgres: not root and no password-less sudo, so the PostgreSQL tests will skip."
  echo "postgres: start it once with: sudo npm run postgres:up"
fi
