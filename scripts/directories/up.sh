#!/usr/bin/env bash
# Start (and if needed provision and seed) the two loopback test directories:
#   Samba AD DC   ldaps://127.0.0.1:636   ldap://127.0.0.1:389 (StartTLS)
#   OpenLDAP      ldaps://127.0.0.1:3636  ldap://127.0.0.1:3389 (StartTLS): dc=ol,dc=resetdesk,dc=test, dc=contoso,dc=com
#                 and dc=limited,dc=resetdesk,dc=test (size limit 500), cn=Monitor
# and write <state>/servers.json. Idempotent: running servers are left alone,
# stopped ones are started from their state, `--fresh` re-provisions from scratch.
# State: <repo>/.directories (RESETDESK_DIRECTORIES_DIR overrides). See README.md here.
set -euo pipefail

FRESH=0
for a in "$@"; do
  case $a in
    --fresh) FRESH=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "usage: up.sh [--fresh]" >&2; exit 2 ;;
  esac
done

T_ALL=$EPOCHREALTIME
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ------------------------------------------------------------ packages
# Debian package -> a file that proves it is installed (dpkg-query is slower and lies about half-removed ones)
PKGS=(
  "samba:/usr/sbin/samba"
  "samba-ad-dc:/usr/share/doc/samba-ad-dc"
  "samba-ad-provision:/usr/share/samba/setup/ad-schema"
  "samba-dsdb-modules:/usr/share/doc/samba-dsdb-modules"
  "python3-samba:/usr/lib/python3/dist-packages/samba/samdb.py"
  "ldb-tools:/usr/bin/ldbsearch"
  "winbind:/usr/sbin/winbindd"
  "slapd:/usr/lib/ldap/ppolicy.so"
  "ldap-utils:/usr/bin/ldapsearch"
  "openssl:/usr/bin/openssl"
  "python3:/usr/bin/python3"
)
missing=()
for p in "${PKGS[@]}"; do [ -e "${p#*:}" ] || missing+=("${p%%:*}"); done
if [ ${#missing[@]} -gt 0 ]; then
  t=$EPOCHREALTIME
  echo "[directories] installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=(); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
    echo "[directories] ERROR: missing packages (${missing[*]}) and neither root nor passwordless sudo: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  # Package scripts must not start the system's slapd/samba: a system slapd on :389 would take Samba's port.
  POLICY=/usr/sbin/policy-rc.d OWN_POLICY=0
  if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null && "${SUDO[@]}" chmod 755 "$POLICY" && OWN_POLICY=1
  fi
  set +e
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/resetdesk-directories-apt.log 2>&1 \
    || { "${SUDO[@]}" apt-get update -qq >>/tmp/resetdesk-directories-apt.log 2>&1 &&
         "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/resetdesk-directories-apt.log 2>&1; }
  rc=$?
  set -e
  [ "$OWN_POLICY" = 1 ] && "${SUDO[@]}" rm -f "$POLICY"
  [ $rc = 0 ] || { tail -20 /tmp/resetdesk-directories-apt.log >&2; echo "[directories] ERROR: apt-get failed (log: /tmp/resetdesk-directories-apt.log)" >&2; exit 1; }
  printf '[directories] packages: %.2f s\n' "$(awk "BEGIN{print $EPOCHREALTIME - $t}")"
fi

# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ "$(id -u)" = 0 ] || die "the Samba AD DC runs as root only (and binds 127.0.0.1:389/636): sudo bash $0 $*"

# ------------------------------------------------------------ start only
start_samba() {
  step "samba: start"
  mkdir -p "$STATE/samba/run" "$STATE/samba/log"
  samba -s "$SMB_CONF" -D || die "samba did not start (logs: $STATE/samba/log/)"
  wait_for ad_answers 60 || die "samba does not answer on $AD_LDAPS within 60 s (logs: $STATE/samba/log/)"
  done_step
}
start_slapd() {
  step "slapd: start"
  slapd -F "$OL_DIR/slapd.d" -h "$OL_URLS" || die "slapd did not start (try: slapd -d 256 -F $OL_DIR/slapd.d -h '$OL_URLS')"
  wait_for ol_answers 30 || die "slapd does not answer on $OL_LDAPS within 30 s"
  done_step
}
check_ports() { # check_ports <name> <port>...: refuse to start over somebody else's server
  local name=$1 p; shift
  for p in "$@"; do port_busy "$p" && die "127.0.0.1:$p is taken by another process; $name cannot start (ss -ltnp | grep :$p)"; done
  return 0
}

# A state provisioned by an older layout (seed.py's LAYOUT_VERSION) is provisioned again.
if [ "$FRESH" = 0 ] && [ -f "$STATE/.provisioned" ] && [ "$(cat "$STATE/.provisioned")" != "$LAYOUT_VERSION" ]; then
  say "the state in $STATE is of an older layout (not $LAYOUT_VERSION): provisioning again"
  FRESH=1
fi
if [ "$FRESH" = 0 ] && [ -f "$STATE/.provisioned" ] && [ -f "$STATE/servers.json" ]; then
  ad_up=0 ol_up=0
  ad_answers && ad_up=1
  ol_answers && ol_up=1
  if [ $ad_up = 1 ] && [ $ol_up = 1 ]; then
    say "already up (nothing to do): $STATE/servers.json"
    say "total: $(since "$T_ALL") s"
    exit 0
  fi
  if [ $ad_up = 0 ]; then
    pid_alive "$SAMBA_PID" >/dev/null && stop_pidfile "$SAMBA_PID" samba
    check_ports samba 389 636
    start_samba
  fi
  if [ $ol_up = 0 ]; then
    pid_alive "$SLAPD_PID" >/dev/null && stop_pidfile "$SLAPD_PID" slapd
    check_ports slapd 3389 3636
    start_slapd
  fi
  say "up from existing state: $STATE/servers.json"
  say "total: $(since "$T_ALL") s"
  exit 0
fi

# ------------------------------------------------------------ provision from scratch
say "provisioning from scratch in $STATE"
stop_pidfile "$SAMBA_PID" samba
stop_pidfile "$SLAPD_PID" slapd
check_ports samba 389 636
check_ports slapd 3389 3636
rm -rf "$STATE"
mkdir -p "$STATE/tls" "$STATE/samba/run" "$STATE/samba/log" "$OL_DIR/slapd.d" "$OL_DIR/data" "$OL_DIR/data-contoso" "$OL_DIR/data-limited"
chmod 700 "$STATE"

step "certificates"
(
  cd "$STATE/tls"
  ca() { # ca <file stem> <CN>
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days 3650 -subj "/O=Resetdesk Test/CN=$2" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  }
  ca ca "Resetdesk Test CA"
  ca untrusted-ca "Resetdesk Untrusted Test CA"
  printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >server-ext.cnf
  for s in samba openldap; do
    openssl req -newkey rsa:2048 -nodes -keyout "$s.key" -out "$s.csr" -subj "/O=Resetdesk Test/CN=localhost" 2>/dev/null
    openssl x509 -req -in "$s.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -extfile server-ext.cnf -out "$s.pem" 2>/dev/null
    rm -f "$s.csr"
  done
  chmod 600 ./*.key
  rm -f untrusted-ca.key # signs nothing, ever
)
done_step

# OpenLDAP in the background while Samba provisions (each mostly uses one core)
(
  set -e
  t=$EPOCHREALTIME
  "$PY" "$SEED" ol-config "$STATE" >"$OL_DIR/config.ldif"
  slapadd -q -n0 -F "$OL_DIR/slapd.d" -l "$OL_DIR/config.ldif"
  slapd -F "$OL_DIR/slapd.d" -h "$OL_URLS"
  wait_for ol_answers 30
  echo "slapd: config + start: $(since "$t") s"
  t=$EPOCHREALTIME
  "$PY" "$SEED" ol-data "$STATE" >"$OL_DIR/seed.ldif"
  ldapadd -c -H "$OL_LDAPI" -x -D "$OL_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" -f "$OL_DIR/seed.ldif" >"$OL_DIR/seed.out" 2>"$OL_DIR/seed.err"
  echo "slapd: seed $(grep -c '^dn:' "$OL_DIR/seed.ldif") records: $(since "$t") s"
  t=$EPOCHREALTIME
  "$PY" "$SEED" ol-contoso "$STATE" >"$OL_DIR/seed-contoso.ldif"
  ldapadd -c -H "$OL_LDAPI" -x -D "$CT_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" -f "$OL_DIR/seed-contoso.ldif" >>"$OL_DIR/seed.out" 2>>"$OL_DIR/seed.err"
  echo "slapd: seed $CT_BASE, $(grep -c '^dn:' "$OL_DIR/seed-contoso.ldif") records: $(since "$t") s"
  t=$EPOCHREALTIME
  "$PY" "$SEED" ol-limited "$STATE" >"$OL_DIR/seed-limited.ldif"
  ldapadd -c -H "$OL_LDAPI" -x -D "$LM_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" -f "$OL_DIR/seed-limited.ldif" >>"$OL_DIR/seed.out" 2>>"$OL_DIR/seed.err"
  echo "slapd: seed $LM_BASE, $(grep -c '^dn:' "$OL_DIR/seed-limited.ldif") records: $(since "$t") s"
) >"$OL_DIR/provision.log" 2>&1 &
OL_JOB=$!

step "samba: provision"
samba-tool domain provision --server-role=dc --dns-backend=NONE \
  --realm=AD.RESETDESK.TEST --domain=RESETDESK --host-name=dc1 --adminpass="$AD_ADMIN_PASSWORD" \
  --targetdir="$STATE/samba" --option="interfaces=lo" --option="bind interfaces only=yes" \
  >"$STATE/samba/log/provision.log" 2>&1 || { tail -20 "$STATE/samba/log/provision.log" >&2; die "samba-tool domain provision failed"; }
done_step

# Our own smb.conf: only the LDAP server, only 127.0.0.1, our certificates, everything under the state dir.
cat >"$SMB_CONF" <<EOF
# Written by scripts/directories/up.sh: a throwaway loopback test DC.
[global]
	netbios name = DC1
	realm = AD.RESETDESK.TEST
	workgroup = RESETDESK
	server role = active directory domain controller
	server services = ldap
	interfaces = 127.0.0.1
	bind interfaces only = yes
	private dir = $STATE/samba/private
	state directory = $STATE/samba/state
	cache directory = $STATE/samba/cache
	lock directory = $STATE/samba
	pid directory = $STATE/samba/run
	binddns dir = $STATE/samba/bind-dns
	ncalrpc dir = $STATE/samba/run/ncalrpc
	log file = $STATE/samba/log/log.%m
	logging = file
	log level = 1
	tls enabled = yes
	tls keyfile = $STATE/tls/samba.key
	tls certfile = $STATE/tls/samba.pem
	tls cafile = $STATE/tls/ca.pem
	ldap server require strong auth = yes
EOF

step "samba: seed (offline, sam.ldb)"
"$PY" "$SEED" ad-offline "$STATE" || die "seeding sam.ldb failed"
done_step

start_samba

step "slapd (background job)"
wait $OL_JOB || { cat "$OL_DIR/provision.log" >&2; die "slapd provisioning failed"; }
sed 's/^/[directories]   /' "$OL_DIR/provision.log"
if [ -s "$OL_DIR/seed.err" ]; then cat "$OL_DIR/seed.err" >&2; die "errors loading $OL_DIR/seed.ldif"; fi
done_step

"$PY" "$SEED" reset "$STATE"
step "lock locked.user by real failed binds"
bash "$HERE/reset-cases.sh" --lock-only
done_step

"$PY" "$SEED" servers "$STATE"
printf '%s' "$LAYOUT_VERSION" >"$STATE/.provisioned"
say "servers.json: $STATE/servers.json"
say "total: $(since "$T_ALL") s"
