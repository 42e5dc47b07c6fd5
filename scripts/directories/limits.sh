#!/usr/bin/env bash
# The size limit of the test slapd's third suffix, dc=limited,dc=resetdesk,dc=test
# (slapd's default 500, no exception: a paged read of every user fails with 4):
#   limits.sh lift [GROUP_DN...]   let the agents' groups (by default both role groups of the suffix)
#                                  page through everyone: olcLimits ... size.prtotal=unlimited
#   limits.sh restore              remove every olcLimits again (the limit of 500 for everyone)
#   limits.sh show                 print the database's olcSizeLimit and olcLimits
# Changes cn=config at run time over ldapi as root (SASL EXTERNAL); slapd keeps it across restarts.
# reset-cases.sh restores it too. Well under a second.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

config() { ldapmodify -Q -Y EXTERNAL -H "$OL_LDAPI" >/dev/null; }
show() { ldapsearch -LLL -o ldif-wrap=no -Q -Y EXTERNAL -H "$OL_LDAPI" -b "$LM_DATABASE" -s base olcSizeLimit olcLimits | grep '^olc' || true; }

[ -S "$OL_DIR/ldapi" ] || die "slapd is not running (no $OL_DIR/ldapi): run scripts/directories/up.sh"
cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
  lift)
    [ $# -gt 0 ] || set -- "${LM_GROUPS[@]}"
    {
      printf 'dn: %s\nchangetype: modify\nreplace: olcLimits\n' "$LM_DATABASE"
      # one value per group; {n} keeps them in the order given (slapd applies the first that matches)
      n=0
      for g in "$@"; do printf 'olcLimits: {%d}group/groupOfNames/member="%s" %s\n' $n "$g" "$LM_LIFT"; n=$((n + 1)); done
      printf -- '-\n'
    } | config || die "lifting the size limit of $LM_BASE failed"
    ;;
  restore)
    # replace with no values deletes; back-config answers 16 (noSuchAttribute) when there is none, so ask first
    if show | grep -q '^olcLimits:'; then
      printf 'dn: %s\nchangetype: modify\ndelete: olcLimits\n-\n' "$LM_DATABASE" | config || die "restoring the size limit of $LM_BASE failed"
    fi
    ;;
  show) ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
show
