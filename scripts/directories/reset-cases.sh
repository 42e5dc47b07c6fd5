#!/usr/bin/env bash
# Put the named case users of both test directories back into their initial
# state (after tests reset or unlocked them): the initial password, unlocked,
# then each case's own state again: disabled, must change, never expires,
# adminCount=1, and locked.user locked by real failed binds; and the size limit of
# slapd's dc=limited suffix back (limits.sh restore). A few seconds.
#   reset-cases.sh              reset every case on both servers
#   reset-cases.sh --lock-only  only lock locked.user (up.sh uses this)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

LOCK_ONLY=0
[ "${1:-}" = --lock-only ] && LOCK_ONLY=1
T0=$EPOCHREALTIME
[ -f "$STATE/samba/reset.ldif" ] || die "no provisioned state in $STATE (run scripts/directories/up.sh)"
ad_answers || die "Samba AD DC does not answer on $AD_LDAPS (run scripts/directories/up.sh)"
ol_answers || die "slapd does not answer on $OL_LDAPS (run scripts/directories/up.sh)"

# locked.user: real failed binds until the directory locks it (threshold 5 on both)
fail_binds() { # fail_binds <url> <bind dn or upn>
  local i
  for i in 1 2 3 4 5 6; do
    ldapsearch -o nettimeout=3 -H "$1" -x -D "$2" -w "$WRONG_PASSWORD" -b "" -s base 1.1 >/dev/null 2>&1 || true
  done
}
# the two servers in parallel
(
  if [ $LOCK_ONLY = 0 ]; then
    # as Administrator over LDAPS (unicodePwd needs an encrypted connection; an admin reset skips the history)
    ldapmodify -H "$AD_LDAPS" -x -D "$AD_ADMIN_DN" -w "$AD_ADMIN_PASSWORD" -f "$STATE/samba/reset.ldif" >/dev/null \
      || die "resetting the AD cases failed"
  fi
  fail_binds "$AD_LDAPS" "$AD_LOCKED_UPN"
) &
AD_JOB=$!
(
  if [ $LOCK_ONLY = 0 ]; then
    # as the rootdn over ldapi (ppolicy's operational attributes; the rootdn skips quality and history checks)
    ldapmodify -H "$OL_LDAPI" -x -D "$OL_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" -e relax -f "$STATE/openldap/reset.ldif" >/dev/null \
      || die "resetting the OpenLDAP cases failed"
    # the second suffix (dc=contoso,dc=com) has its own rootdn
    ldapmodify -H "$OL_LDAPI" -x -D "$CT_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" -e relax -f "$STATE/openldap/reset-contoso.ldif" >/dev/null \
      || die "resetting the OpenLDAP cases of $CT_BASE failed"
    # the third suffix (dc=limited) back to slapd's default size limit for everyone
    bash "$HERE/limits.sh" restore >/dev/null
  fi
  fail_binds "$OL_LDAPS" "$OL_LOCKED_DN"
  fail_binds "$OL_LDAPS" "$CT_LOCKED_DN"
) &
OL_JOB=$!
wait $AD_JOB || exit 1
wait $OL_JOB || exit 1

ad_lock=$(ldapsearch -LLL -H "$AD_LDAPS" -x -D "$AD_ADMIN_DN" -w "$AD_ADMIN_PASSWORD" -b "$AD_LOCKED_DN" -s base lockoutTime \
  | sed -n 's/^lockoutTime: //p')
ol_lock=$(ldapsearch -LLL -H "$OL_LDAPI" -x -D "$OL_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" -b "$OL_LOCKED_DN" -s base pwdAccountLockedTime \
  | sed -n 's/^pwdAccountLockedTime: //p')
[ -n "$ad_lock" ] && [ "$ad_lock" != 0 ] || die "AD: locked.user is not locked after failed binds (lockoutTime=${ad_lock:-none})"
[ -n "$ol_lock" ] || die "OpenLDAP: locked.user is not locked after failed binds (no pwdAccountLockedTime)"
ct_lock=$(ldapsearch -LLL -H "$OL_LDAPI" -x -D "$CT_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" -b "$CT_LOCKED_DN" -s base pwdAccountLockedTime \
  | sed -n 's/^pwdAccountLockedTime: //p')
[ -n "$ct_lock" ] || die "OpenLDAP $CT_BASE: locked.user is not locked after failed binds (no pwdAccountLockedTime)"

if [ $LOCK_ONLY = 0 ]; then
  say "cases reset; locked.user locked (AD lockoutTime=$ad_lock, OpenLDAP pwdAccountLockedTime=$ol_lock): $(since "$T0") s"
else
  say "locked.user locked (AD lockoutTime=$ad_lock, OpenLDAP pwdAccountLockedTime=$ol_lock)"
fi
