#!/usr/bin/env bash
# Smoke test of the running test directories with the OpenLDAP command-line tools:
# TLS trust, anonymous refusal, the delegated rights (helpdesk may reset, trainee may not),
# the case states; then reset-cases.sh puts everything back. Prints one line per check.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
[ -f "$STATE/servers.json" ] || die "no $STATE/servers.json (run up.sh)"

FAILS=0
ok() { printf '  ok    %s\n' "$1"; }
ko() { printf '  FAIL  %s\n' "$1"; FAILS=$((FAILS + 1)); }
check() { # check "label" <expected rc> <output-regex or ''> cmd...
  local label=$1 want=$2 re=$3 out rc
  shift 3
  set +e
  out=$("$@" 2>&1)
  rc=$?
  set -e
  if [ "$rc" = "$want" ] && { [ -z "$re" ] || grep -Eq "$re" <<<"$out"; }; then ok "$label"; else
    ko "$label (rc=$rc, want $want${re:+, /$re/}): $(tr '\n' ' ' <<<"$out" | cut -c1-240)"
  fi
}
unipwd() { printf '"%s"' "$1" | iconv -f UTF-8 -t UTF-16LE | base64 -w0; }
ad_reset_ldif() { # ad_reset_ldif <target dn> <new password>
  printf 'dn: %s\nchangetype: modify\nreplace: unicodePwd\nunicodePwd:: %s\n-\nreplace: pwdLastSet\npwdLastSet: 0\n-\n' "$1" "$(unipwd "$2")"
}
AD=ldaps://127.0.0.1:636 OL=ldaps://127.0.0.1:3636
ADU="@ad.resetdesk.test"
ADELE_AD="CN=Adele Vance,$AD_USERS" ADELE_OL="uid=adele.vance,$OL_USERS"
NEW='Temp-Reset-Passw0rd-42'
root_search() { ldapsearch -o ldif-wrap=no -LLL -H "$AD" -x -D "$AD_ADMIN_DN" -w "$AD_ADMIN_PASSWORD" "$@"; }
ol_root_search() { ldapsearch -o ldif-wrap=no -LLL -H "$OL_LDAPI" -x -D "$OL_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" "$@"; }
bind_ad() { ldapsearch -H "$AD" -x -D "$1" -w "$2" -b "" -s base 1.1; }
bind_ol() { ldapwhoami -H "$OL" -x -D "$1" -w "$2" -e ppolicy; }

echo "TLS"
check "AD: LDAPS verified against servers.json ca" 0 '' bind_ad "helpdesk.agent$ADU" "$USER_PASSWORD"
check "AD: StartTLS on 389" 0 '' ldapsearch -ZZ -H ldap://127.0.0.1:389 -x -D "helpdesk.agent$ADU" -w "$USER_PASSWORD" -b "" -s base 1.1
check "AD: untrusted CA refused" 255 "certificate verify failed|Can't contact" \
  env LDAPTLS_CACERT="$STATE/tls/untrusted-ca.pem" ldapsearch -H "$AD" -x -D "helpdesk.agent$ADU" -w "$USER_PASSWORD" -b "" -s base 1.1
check "AD: simple bind without TLS refused (8)" 8 'Strong' ldapsearch -H ldap://127.0.0.1:389 -x -D "helpdesk.agent$ADU" -w "$USER_PASSWORD" -b "" -s base 1.1
check "OL: LDAPS verified against servers.json ca" 0 '' bind_ol "uid=helpdesk.agent,$OL_USERS" "$USER_PASSWORD"
check "OL: StartTLS on 3389" 0 '' ldapwhoami -ZZ -H ldap://127.0.0.1:3389 -x -D "uid=helpdesk.agent,$OL_USERS" -w "$USER_PASSWORD"
check "OL: untrusted CA refused" 255 "certificate verify failed|Can't contact" \
  env LDAPTLS_CACERT="$STATE/tls/untrusted-ca.pem" ldapwhoami -H "$OL" -x -D "uid=helpdesk.agent,$OL_USERS" -w "$USER_PASSWORD"
check "OL: simple bind without TLS refused (13)" 13 'onfidentiality' ldapwhoami -H ldap://127.0.0.1:3389 -x -D "uid=helpdesk.agent,$OL_USERS" -w "$USER_PASSWORD"

echo "anonymous"
check "AD: anonymous search refused (1, 00002020)" 1 '00002020' ldapsearch -H "$AD" -x -b "$AD_BASE" -s base
check "OL: anonymous search refused (53, authentication required)" 53 'authentication required' ldapsearch -H "$OL" -x -b "$OL_BASE" -s base

echo "cases"
check "AD: locked.user is locked (49, data 775)" 49 'data 775' bind_ad "locked.user$ADU" "$USER_PASSWORD"
check "AD: locked.user lockoutTime > 0" 0 'lockoutTime: [1-9]' root_search -b "CN=Locked User,$AD_USERS" -s base lockoutTime
check "AD: megan.bowen must change (49, data 773)" 49 'data 773' bind_ad "megan.bowen$ADU" "$USER_PASSWORD"
check "AD: disabled.user disabled (49, data 533)" 49 'data 533' bind_ad "disabled.user$ADU" "$USER_PASSWORD"
check "AD: protected.user adminCount=1" 0 'adminCount: 1' root_search -b "CN=Protected User,$AD_USERS" -s base adminCount
check "AD: never.expires UAC 66048" 0 'userAccountControl: 66048' root_search -b "CN=Never Expires,$AD_USERS" -s base userAccountControl
check "AD: helpdesk.agent memberOf helpdesk group" 0 'memberOf: CN=Resetdesk Helpdesk Admins' \
  ldapsearch -o ldif-wrap=no -LLL -H "$AD" -x -D "helpdesk.agent$ADU" -w "$USER_PASSWORD" -b "CN=Helpdesk Agent,$AD_USERS" -s base memberOf
check "AD: 300+ users readable by a signed-in user" 0 '' test "$(ldapsearch -LLL -H "$AD" -x -D "adele.vance$ADU" -w "$USER_PASSWORD" -b "$AD_USERS" '(objectClass=user)' 1.1 | grep -c '^dn:')" -ge 300
check "OL: locked.user is locked (49, Account locked)" 49 'Account locked' bind_ol "uid=locked.user,$OL_USERS" "$USER_PASSWORD"
check "OL: locked.user pwdAccountLockedTime" 0 'pwdAccountLockedTime: 2' ol_root_search -b "uid=locked.user,$OL_USERS" -s base pwdAccountLockedTime
check "OL: megan.bowen must change (0, Password must be changed)" 0 'must be changed' bind_ol "uid=megan.bowen,$OL_USERS" "$USER_PASSWORD"
check "OL: disabled.user administratively locked" 49 'Account locked' bind_ol "uid=disabled.user,$OL_USERS" "$USER_PASSWORD"
check "OL: never.expires uses cn=noexpire" 0 'pwdPolicySubentry: cn=noexpire' ol_root_search -b "uid=never.expires,$OL_USERS" -s base pwdPolicySubentry
check "OL: helpdesk.agent memberOf helpdesk group" 0 'memberOf: cn=Resetdesk Helpdesk Admins' \
  ldapsearch -o ldif-wrap=no -LLL -H "$OL" -x -D "uid=helpdesk.agent,$OL_USERS" -w "$USER_PASSWORD" -b "uid=helpdesk.agent,$OL_USERS" -s base memberOf
check "OL: a signed-in user cannot read userPassword" 0 '' \
  bash -c "! ldapsearch -LLL -H '$OL' -x -D 'uid=alex.wilber,$OL_USERS' -w '$USER_PASSWORD' -b '$ADELE_OL' -s base userPassword | grep -q userPassword"

echo "rights"
check "AD: trainee reset of adele refused (50)" 50 'Insufficient access' \
  ldapmodify -H "$AD" -x -D "helpdesk.trainee$ADU" -w "$USER_PASSWORD" -f <(ad_reset_ldif "$ADELE_AD" "$NEW")
check "AD: helpdesk resets adele (unicodePwd + pwdLastSet=0)" 0 '' \
  ldapmodify -H "$AD" -x -D "helpdesk.agent$ADU" -w "$USER_PASSWORD" -f <(ad_reset_ldif "$ADELE_AD" "$NEW")
check "AD: adele's new password must be changed (49, data 773)" 49 'data 773' bind_ad "adele.vance$ADU" "$NEW"
check "AD: helpdesk unlocks locked.user (lockoutTime=0)" 0 '' ldapmodify -H "$AD" -x -D "helpdesk.agent$ADU" -w "$USER_PASSWORD" \
  -f <(printf 'dn: CN=Locked User,%s\nchangetype: modify\nreplace: lockoutTime\nlockoutTime: 0\n-\n' "$AD_USERS")
check "AD: locked.user signs in after unlock" 0 '' bind_ad "locked.user$ADU" "$USER_PASSWORD"
check "AD: helpdesk reset of protected.user refused (50: AdminSDHolder-style descriptor)" 50 'Insufficient access' \
  ldapmodify -H "$AD" -x -D "helpdesk.agent$ADU" -w "$USER_PASSWORD" -f <(ad_reset_ldif "CN=Protected User,$AD_USERS" "$NEW")
check "AD: authadmin (undelegated) reset refused (50)" 50 'Insufficient access' \
  ldapmodify -H "$AD" -x -D "auth.admin$ADU" -w "$USER_PASSWORD" -f <(ad_reset_ldif "CN=Alex Wilber,$AD_USERS" "$NEW")
check "AD: password.admin (delegated) resets alex" 0 '' \
  ldapmodify -H "$AD" -x -D "password.admin$ADU" -w "$USER_PASSWORD" -f <(ad_reset_ldif "CN=Alex Wilber,$AD_USERS" "$NEW")
check "AD: length/complexity enforced on reset (19)" 19 'CONSTRAINT|0000052D' \
  ldapmodify -H "$AD" -x -D "helpdesk.agent$ADU" -w "$USER_PASSWORD" -f <(ad_reset_ldif "$ADELE_AD" "short")
check "OL: trainee reset of adele refused (50)" 1 'Insufficient access \(50\)' \
  ldappasswd -H "$OL" -x -D "uid=helpdesk.trainee,$OL_USERS" -w "$USER_PASSWORD" -s "$NEW" "$ADELE_OL"
check "OL: helpdesk resets adele (ldappasswd)" 0 '' \
  ldappasswd -H "$OL" -x -D "uid=helpdesk.agent,$OL_USERS" -w "$USER_PASSWORD" -s "$NEW" "$ADELE_OL"
check "OL: helpdesk sets pwdReset TRUE" 0 '' ldapmodify -H "$OL" -x -D "uid=helpdesk.agent,$OL_USERS" -w "$USER_PASSWORD" \
  -f <(printf 'dn: %s\nchangetype: modify\nreplace: pwdReset\npwdReset: TRUE\n-\n' "$ADELE_OL")
check "OL: adele's new password must be changed" 0 'must be changed' bind_ol "$ADELE_OL" "$NEW"
check "OL: helpdesk unlocks locked.user (delete pwdAccountLockedTime)" 0 '' ldapmodify -H "$OL" -x -D "uid=helpdesk.agent,$OL_USERS" -w "$USER_PASSWORD" \
  -f <(printf 'dn: uid=locked.user,%s\nchangetype: modify\ndelete: pwdAccountLockedTime\n-\n' "$OL_USERS")
check "OL: locked.user signs in after unlock" 0 '' bind_ol "uid=locked.user,$OL_USERS" "$USER_PASSWORD"
check "OL: trainee unlock refused (50)" 50 'Insufficient access' ldapmodify -H "$OL" -x -D "uid=helpdesk.trainee,$OL_USERS" -w "$USER_PASSWORD" \
  -f <(printf 'dn: uid=disabled.user,%s\nchangetype: modify\ndelete: pwdAccountLockedTime\n-\n' "$OL_USERS")
check "OL: quality (min length 8) enforced on reset (19)" 1 'Constraint violation \(19\)' \
  ldappasswd -H "$OL" -x -D "uid=helpdesk.agent,$OL_USERS" -w "$USER_PASSWORD" -s "short" "$ADELE_OL"

echo "OpenLDAP $CT_BASE (agents in ou=helpdesk, users in ou=people)"
HD="uid=hd.agent,$CT_AGENTS" ADELE_CT="uid=adele.vance,$CT_PEOPLE"
check "CT: anonymous search on mail finds the agent's DN" 0 "^dn: $HD" \
  ldapsearch -LLL -H "$OL" -x -b "$CT_BASE" '(mail=hd.agent@contoso.com)' 1.1
check "CT: anonymous reads no more than entry, objectClass, uid, mail" 0 '' \
  bash -c "! ldapsearch -LLL -H '$OL' -x -b '$HD' -s base '*' memberOf pwdChangedTime | grep -Eiq '^(cn|sn|memberOf|telephoneNumber|pwdChangedTime):'"
check "CT: anonymous cannot search on other attributes" 0 '' \
  bash -c "! ldapsearch -LLL -H '$OL' -x -b '$CT_BASE' '(sn=Vance)' 1.1 | grep -q '^dn:'"
check "CT: the agent is in Helpdesk Admins" 0 'memberOf: cn=Helpdesk Admins' \
  ldapsearch -o ldif-wrap=no -LLL -H "$OL" -x -D "$HD" -w "$USER_PASSWORD" -b "$HD" -s base memberOf
check "CT: the agent resets adele in ou=people (ldappasswd)" 0 '' ldappasswd -H "$OL" -x -D "$HD" -w "$USER_PASSWORD" -s "$NEW" "$ADELE_CT"
check "CT: the agent cannot set another agent's password (50)" 1 'Insufficient access \(50\)' \
  ldappasswd -H "$OL" -x -D "$HD" -w "$USER_PASSWORD" -s "$NEW" "uid=hd.global,$CT_AGENTS"
check "CT: locked.user is locked (49, Account locked)" 49 'Account locked' bind_ol "uid=locked.user,$CT_PEOPLE" "$USER_PASSWORD"
check "CT: simple bind without TLS refused (13)" 13 'onfidentiality' ldapwhoami -H ldap://127.0.0.1:3389 -x -D "$HD" -w "$USER_PASSWORD"

echo "OpenLDAP $LM_BASE (size limit 500) and cn=Monitor"
LM_AGENT="uid=global.admin,ou=people,$LM_BASE" LM_PEOPLE="ou=people,$LM_BASE"
lm_read_all() { # lm_read_all [ldapsearch options]: every person as the agent; prints the entries read, returns ldapsearch's code
  local out rc
  set +e
  out=$(ldapsearch -LLL -H "$OL" -x -D "$LM_AGENT" -w "$USER_PASSWORD" -b "$LM_PEOPLE" "$@" '(objectClass=inetOrgPerson)' 1.1 2>&1)
  rc=$?
  set -e
  grep -c '^dn:' <<<"$out" || true
  return $rc
}
lm_count=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["limited"]["userCount"])' "$STATE/servers.json")
check "LM: a paged read of everyone stops at 500 (4 sizeLimitExceeded)" 4 '^500$' lm_read_all -E pr=500/noprompt
check "LM: a bounded search for one user works" 0 '^dn: uid=tara.anderson3,' \
  ldapsearch -LLL -H "$OL" -x -D "$LM_AGENT" -w "$USER_PASSWORD" -b "$LM_PEOPLE" '(mail=tara.anderson3@limited.resetdesk.test)' 1.1
check "LM: limits.sh lift" 0 'size.prtotal=unlimited' bash "$HERE/limits.sh" lift
check "LM: lifted, a paged read returns all $lm_count" 0 "^$lm_count\$" lm_read_all -E pr=500/noprompt
check "LM: lifted, a read without paging still stops at 500 (4)" 4 '^500$' lm_read_all
check "LM: limits.sh restore" 0 '' bash "$HERE/limits.sh" restore
check "LM: restored, a paged read stops at 500 again (4)" 4 '^500$' lm_read_all -E pr=500/noprompt
check "Monitor: dc=ol's rootdn reads the search counter" 0 'monitorOpInitiated: [0-9]+' \
  ldapsearch -LLL -H "$OL" -x -D "$OL_ADMIN_DN" -w "$OL_ADMIN_PASSWORD" -b "cn=Search,cn=Operations,cn=Monitor" -s base monitorOpInitiated
check "Monitor: an agent reads nothing there (32)" 32 '' \
  ldapsearch -LLL -H "$OL" -x -D "$LM_AGENT" -w "$USER_PASSWORD" -b "cn=Search,cn=Operations,cn=Monitor" -s base monitorOpInitiated

echo "reset-cases"
bash "$HERE/limits.sh" lift >/dev/null
check "reset-cases.sh" 0 'cases reset' bash "$HERE/reset-cases.sh"
check "LM: reset-cases.sh put the size limit back (4)" 4 '^500$' lm_read_all -E pr=500/noprompt
check "AD: adele signs in with the initial password again" 0 '' bind_ad "adele.vance$ADU" "$USER_PASSWORD"
check "AD: locked.user locked again (data 775)" 49 'data 775' bind_ad "locked.user$ADU" "$USER_PASSWORD"
check "OL: adele signs in with the initial password, no must-change" 0 '^dn:uid=adele.vance,[^;]*$' bind_ol "$ADELE_OL" "$USER_PASSWORD"
check "OL: locked.user locked again" 49 'Account locked' bind_ol "uid=locked.user,$OL_USERS" "$USER_PASSWORD"
check "CT: adele signs in with the initial password again" 0 "^dn:$ADELE_CT\$" bind_ol "$ADELE_CT" "$USER_PASSWORD"
check "CT: locked.user locked again" 49 'Account locked' bind_ol "uid=locked.user,$CT_PEOPLE" "$USER_PASSWORD"

if [ $FAILS = 0 ]; then say "verify: all checks passed"; else say "verify: $FAILS check(s) failed"; exit 1; fi
