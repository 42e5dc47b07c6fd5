#!/usr/bin/env bash
# `npm test`'s step before the suites: start the loopback Samba AD DC and slapd
# (up.sh: provisions them on first use, leaves running ones alone). They need
# root (Samba's DC runs only as root) or password-less sudo. Without either, on a
# developer's machine, the AD/OpenLDAP tests skip and each says why; in CI
# (CI=true) that is an error, since the suite must run them.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
  exec bash "$HERE/up.sh"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  exec sudo -n --preserve-env=RESETDESK_DIRECTORIES_DIR bash "$HERE/up.sh"
elif [ "${CI:-}" = "true" ]; then
  echo "directories: CI needs root or password-less sudo to start the Samba AD DC and slapd." >&2
  exit 1
else
  echo "directories: not root and no password-less sudo, so the Active Directory and OpenLDAP tests will skip."
  echo "directories: start them once with: sudo npm run directories:up"
fi
