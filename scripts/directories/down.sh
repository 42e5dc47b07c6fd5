#!/usr/bin/env bash
# Stop the loopback test directories started by up.sh (by their pid files).
#   down.sh          stop both, keep the state (up.sh starts them again without re-provisioning)
#   down.sh --purge  stop both and delete the state directory
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PURGE=0
case ${1:-} in
  "") ;;
  --purge) PURGE=1 ;;
  *) echo "usage: down.sh [--purge]" >&2; exit 2 ;;
esac
# shellcheck source=lib.sh
. "$HERE/lib.sh"

stop_pidfile "$SAMBA_PID" samba
stop_pidfile "$SLAPD_PID" slapd
if [ $PURGE = 1 ]; then
  rm -rf "$STATE"
  say "state deleted: $STATE"
fi
