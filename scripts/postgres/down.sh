#!/usr/bin/env bash
# Stops the test PostgreSQL (its state stays for the next up.sh; up.sh --fresh starts over).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ -f "$DATA/PG_VERSION" ] && as_postgres "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  say "stopped"
fi
