#!/usr/bin/env bash
# Starts the test PostgreSQL on 127.0.0.1 (TLS only, scram-sha-256), creating it
# on first use: a cluster owned by the postgres account, a CA and a server
# certificate for 127.0.0.1/localhost, and three roles:
#   postgres         the superuser (tests make one database per test file with it)
#   resetdesk_owner  owns the schema and runs the migrations
#   resetdesk_app    what the server runs as: may read and insert audit events, never update or delete them
# Their passwords and the CA's path are written to .postgres.json (0600) in the
# checkout, for the tests only. Needs root (initdb and the server run as postgres).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "postgres: up.sh needs root (it runs the server as the postgres account)" >&2; exit 1; }
[ -n "$PG_BIN" ] || { echo "postgres: no PostgreSQL server found (apt-get install postgresql)" >&2; exit 1; }

if [ "${1:-}" = "--fresh" ]; then
  bash "$(dirname "${BASH_SOURCE[0]}")/down.sh" || true
  rm -rf "$STATE" "$INFO"
fi

password() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-24; }

if [ ! -f "$DATA/PG_VERSION" ] || [ ! -f "$INFO" ]; then
  rm -rf "$STATE"
  mkdir -p "$STATE" "$TLS" "$RUN"
  chmod 0755 "$STATE"
  say "creating a cluster in $DATA"
  # The CA the clients trust (verify-full) and the server's certificate for 127.0.0.1 and localhost.
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Resetdesk test PostgreSQL CA" \
    -keyout "$TLS/ca.key" -out "$TLS/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$TLS/server.key" -out "$TLS/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > "$TLS/server.ext"
  openssl x509 -req -in "$TLS/server.csr" -CA "$TLS/ca.pem" -CAkey "$TLS/ca.key" -CAcreateserial -days 3650 \
    -extfile "$TLS/server.ext" -out "$TLS/server.pem" 2>/dev/null
  # A second CA nobody trusts: a client given it must refuse the server.
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Another CA" \
    -keyout "$TLS/other-ca.key" -out "$TLS/other-ca.pem" 2>/dev/null
  chown -R postgres:postgres "$STATE"
  chmod 0600 "$TLS/server.key" "$TLS/ca.key" "$TLS/other-ca.key"
  chmod 0644 "$TLS/ca.pem" "$TLS/other-ca.pem"
  su_pw=$(password); owner_pw=$(password); app_pw=$(password)
  pwfile=$(mktemp); chmod 0600 "$pwfile"; printf '%s\n' "$su_pw" > "$pwfile"; chown postgres "$pwfile"
  as_postgres "$PG_BIN/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$RUN'
ssl = on
ssl_cert_file = '$TLS/server.pem'
ssl_key_file = '$TLS/server.key'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = 'scram-sha-256'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  # TLS only over TCP; the socket only for the postgres account's own set-up.
  cat > "$DATA/pg_hba.conf" <<HBA
local   all  postgres                 scram-sha-256
hostssl all  all       127.0.0.1/32   scram-sha-256
host    all  all       0.0.0.0/0      reject
HBA
  chown postgres:postgres "$DATA/postgresql.conf" "$DATA/pg_hba.conf"
  as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$STATE/server.log" -w -t 60 start >/dev/null
  PGPASSWORD="$su_pw" as_postgres "$PG_BIN/psql" -h "$RUN" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q <<SQL
CREATE ROLE resetdesk_owner LOGIN PASSWORD '$owner_pw';
CREATE ROLE resetdesk_app LOGIN PASSWORD '$app_pw';
SQL
  umask 077
  cat > "$INFO" <<JSON
{
  "host": "127.0.0.1",
  "port": $PORT,
  "ca": "$TLS/ca.pem",
  "otherCa": "$TLS/other-ca.pem",
  "superuser": { "user": "postgres", "password": "$su_pw" },
  "owner": { "user": "resetdesk_owner", "password": "$owner_pw" },
  "app": { "user": "resetdesk_app", "password": "$app_pw" },
  "dataDir": "$DATA",
  "pgBin": "$PG_BIN"
}
JSON
  say "up on 127.0.0.1:$PORT (created)"
  exit 0
fi

if as_postgres "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  say "already up on 127.0.0.1:$PORT"
else
  as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$STATE/server.log" -w -t 60 start >/dev/null
  say "up on 127.0.0.1:$PORT"
fi
