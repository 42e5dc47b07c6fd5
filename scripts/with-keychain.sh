#!/usr/bin/env bash
# Runs a command (npm test's suites) with an OS keychain to talk to. Every
# verification code is keyed with a secret kept there (and authenticator
# secrets are sealed with one), so the tests that send or check codes need a
# real keychain, not a stand-in.
#
#   bash scripts/with-keychain.sh COMMAND [ARG...]
#
# - Not Linux (macOS Keychain, Windows Credential Manager): COMMAND runs as it is.
# - Linux with a Secret Service already running on the session bus (a desktop's
#   gnome-keyring or KWallet): COMMAND runs as it is, against it.
# - Otherwise (a headless box; CI, a fresh Debian as root): COMMAND runs in a
#   private D-Bus session (dbus-run-session) with gnome-keyring-daemon unlocked in
#   it. Its keyring lives in a temporary folder removed afterwards, under a random
#   password: nothing of it outlives the run, and a developer's own keyring files
#   (~/.local/share/keyrings) are never opened.
#
# Without dbus-run-session or gnome-keyring-daemon (apt-get install dbus
# gnome-keyring) COMMAND runs without a keychain, and the tests that need one
# skip and say why; in CI (CI=true) that is an error instead.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-keychain.sh COMMAND [ARG...]" >&2
  exit 2
fi

# NameHasOwner, not a call to the service: a Secret Service that is only
# activatable would be started by the call, against the user's real keyring.
secret_service_running() {
  command -v dbus-send >/dev/null 2>&1 || return 1
  timeout 5 dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

# Inside the private session (this script again, under dbus-run-session).
if [ -n "${RESETDESK_KEYRING_DIR:-}" ]; then
  dir=$RESETDESK_KEYRING_DIR
  unset RESETDESK_KEYRING_DIR
  # --unlock reads the login keyring's password on stdin and makes the keyring on
  # first use; HOME and XDG_* point the daemon at the temporary folder only.
  head -c 24 /dev/urandom | base64 | tr -d '\n' |
    HOME="$dir" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" XDG_RUNTIME_DIR="$dir/run" \
      gnome-keyring-daemon --unlock --components=secrets >/dev/null
  for _ in $(seq 50); do
    secret_service_running && break
    sleep 0.1
  done
  if ! secret_service_running; then
    echo "with-keychain: gnome-keyring-daemon did not take the Secret Service name on the private bus." >&2
    exit 1
  fi
  # Not exec: the daemon is ended with the session either way, and the status is COMMAND's.
  "$@"
  exit $?
fi

if [ "$(uname -s)" != "Linux" ] || secret_service_running; then
  exec "$@"
fi

missing=()
for command in dbus-run-session gnome-keyring-daemon dbus-send; do
  command -v "$command" >/dev/null 2>&1 || missing+=("$command")
done
if ((${#missing[@]} > 0)); then
  reason="no Secret Service is running and ${missing[*]} cannot start one (apt-get install dbus gnome-keyring)"
  if [ "${CI:-}" = "true" ]; then
    echo "with-keychain: $reason; CI needs a keychain." >&2
    exit 1
  fi
  echo "with-keychain: $reason: the tests that send or check codes will skip."
  exec "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/resetdesk-keyring-XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -m 700 "$dir/data" "$dir/config" "$dir/run"
echo "with-keychain: no Secret Service running; a throwaway gnome-keyring for this run (private D-Bus session)."
RESETDESK_KEYRING_DIR="$dir" dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@"
