# Shared by up.sh, down.sh and reset-cases.sh (sourced, not run).
# shellcheck shell=bash

DIRS_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$DIRS_HERE/../.." && pwd)
STATE=${RESETDESK_DIRECTORIES_DIR:-$REPO/.directories}
case $STATE in /*) ;; *) STATE=$PWD/$STATE ;; esac
# Debian's python: samba's bindings live there, not in a pyenv/venv python that may come first on PATH.
PY=/usr/bin/python3
SEED="$DIRS_HERE/seed.py"

CA="$STATE/tls/ca.pem"
SMB_CONF="$STATE/samba/smb.conf"
SAMBA_PID="$STATE/samba/run/samba.pid"
OL_DIR="$STATE/openldap"
SLAPD_PID="$OL_DIR/slapd.pid"
OL_LDAPI="ldapi://$(printf '%s' "$OL_DIR/ldapi" | sed 's|/|%2F|g')"
AD_LDAPS=ldaps://127.0.0.1:636
OL_LDAPS=ldaps://127.0.0.1:3636
OL_URLS="ldap://127.0.0.1:3389/ ldaps://127.0.0.1:3636/ $OL_LDAPI/"

export LDAPTLS_CACERT="$CA" LDAPTLS_REQCERT=demand

say() { printf '[directories] %s\n' "$*"; }
die() { printf '[directories] ERROR: %s\n' "$*" >&2; exit 1; }

# step "label"; ...; done_step  -> prints "label: 1.23 s"
step() { STEP_LABEL=$1; STEP_T0=$EPOCHREALTIME; say "$1 ..."; }
done_step() { say "$STEP_LABEL: $(since "$STEP_T0") s"; }
since() { awk "BEGIN{printf \"%.2f\", $EPOCHREALTIME - $1}"; }


# A bind + rootDSE read; 0 when the server answers over LDAPS with our CA.
ad_answers() {
  [ -f "$CA" ] || return 1
  timeout 5 ldapsearch -o nettimeout=3 -H "$AD_LDAPS" -x -D "$AD_ADMIN_DN" -w "$AD_ADMIN_PASSWORD" \
    -b "" -s base 1.1 >/dev/null 2>&1
}
ol_answers() {
  [ -f "$CA" ] || return 1
  timeout 5 ldapsearch -o nettimeout=3 -H "$OL_LDAPS" -x -D "$OL_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" \
    -b "" -s base 1.1 >/dev/null 2>&1
}

# wait_for <function> <seconds>
wait_for() {
  local fn=$1 secs=$2 end
  # printf, not print: awk prints numbers as %.6g, and 1.76459e+09 is already in the past
  end=$(awk "BEGIN{printf \"%.3f\", $EPOCHREALTIME + $secs}")
  until "$fn"; do
    awk "BEGIN{exit !($EPOCHREALTIME > $end)}" && return 1
    sleep 0.1
  done
}

pid_alive() { # pid_alive <pidfile> -> prints pid if that process runs
  local f=$1 pid
  [ -f "$f" ] || return 1
  pid=$(tr -dc 0-9 <"$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# process group of a pid, and whether a group has a live process: from /proc (no procps in slim images)
pgid_of() { # pgid_of <pid>
  local st pg
  { read -r st <"/proc/$1/stat"; } 2>/dev/null || return 1
  st=${st##*) } # after "pid (comm) ": state ppid pgrp ...
  read -r _ _ pg _ <<<"$st"
  echo "$pg"
}
group_alive() { # group_alive <pgid>
  local f st pg
  for f in /proc/[0-9]*/stat; do
    { read -r st <"$f"; } 2>/dev/null || continue
    st=${st##*) }
    read -r _ _ pg _ <<<"$st"
    [ "$pg" = "$1" ] && return 0
  done
  return 1
}

# stop_pidfile <pidfile> <name>: TERM the process (and its process group when it leads one), wait, KILL if needed.
stop_pidfile() {
  local f=$1 name=$2 pid pgid i
  pid=$(pid_alive "$f") || { rm -f "$f"; return 0; }
  pgid=$(pgid_of "$pid" || true)
  if [ "$pgid" = "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) did not stop in 10 s: KILL"
    if [ "$pgid" = "$pid" ]; then kill -KILL -- "-$pid" 2>/dev/null || true; else kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  # samba's workers leave shortly after their parent; wait for the group to empty
  if [ "$pgid" = "$pid" ]; then
    for i in $(seq 1 50); do
      group_alive "$pid" || break
      sleep 0.1
    done
  fi
  rm -f "$f"
  say "$name stopped (pid $pid)"
}

port_busy() { # port_busy <port>: 0 when something listens on 127.0.0.1:<port>
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

[ -x "$PY" ] || die "$PY is missing (Debian's python3; up.sh installs it)"
# AD_ADMIN_PASSWORD OL_ADMIN_PASSWORD USER_PASSWORD WRONG_PASSWORD ... from seed.py, the single source
eval "$("$PY" "$SEED" shell "$STATE")"
