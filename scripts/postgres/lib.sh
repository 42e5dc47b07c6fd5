# Shared by up.sh and down.sh: where the test PostgreSQL lives.
#
#   RESETDESK_POSTGRES_DIR   its state (default: /var/tmp/resetdesk-postgres-<hash of this checkout>),
#                            outside the checkout because the postgres account must reach it
#   RESETDESK_POSTGRES_PORT  its TCP port on 127.0.0.1 (default 55432)
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${RESETDESK_POSTGRES_DIR:-/var/tmp/resetdesk-postgres-$(printf '%s' "$REPO" | md5sum | cut -c1-10)}
PORT=${RESETDESK_POSTGRES_PORT:-55432}
DATA="$STATE/data"
TLS="$STATE/tls"
RUN="$STATE/run"
INFO="$REPO/.postgres.json"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_postgres() { runuser -u postgres -- "$@"; }
say() { printf '[postgres] %s\n' "$*"; }
