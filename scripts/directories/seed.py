#!/usr/bin/python3
"""Data and LDIF for the two loopback test directories (Samba AD DC, OpenLDAP).

One place for every fact: names, groups, passwords, rights. up.sh and
reset-cases.sh call it; it never talks to a server except `ad-offline`, which
writes into a stopped Samba's sam.ldb in one transaction (Debian's samba
python bindings: run it with /usr/bin/python3, not a pyenv/venv python).

  seed.py ad-offline  STATE       users, groups, rights, password settings into sam.ldb
  seed.py ol-config   STATE       cn=config LDIF (slapadd -n0)
  seed.py ol-data     STATE       data LDIF of dc=ol (ldapadd as its rootdn)
  seed.py ol-contoso  STATE       data LDIF of dc=contoso,dc=com (ldapadd as its rootdn)
  seed.py ol-limited  STATE       data LDIF of dc=limited,dc=resetdesk,dc=test (ldapadd as its rootdn)
  seed.py reset       STATE       reset-ad.ldif + reset-ol.ldif (reset-cases.sh)
  seed.py servers     STATE       servers.json
"""
import base64
import hashlib
import json
import os
import re
import sys

# ---------------------------------------------------------------- constants
# Test-only credentials of throwaway loopback servers: fine to keep in the repo
# and in servers.json.
AD_ADMIN_PASSWORD = "Resetdesk-AD-Adm1n!"
OL_ADMIN_PASSWORD = "Resetdesk-OL-Adm1n!"
USER_PASSWORD = "Welcome-2-Resetdesk!"
WRONG_PASSWORD = "not-the-password-1A!"

AD_DOMAIN = "ad.resetdesk.test"
AD_BASE = "DC=ad,DC=resetdesk,DC=test"
AD_USERS = "OU=Resetdesk Users," + AD_BASE
AD_GROUPS = "OU=Resetdesk Groups," + AD_BASE
AD_ADMIN_DN = "CN=Administrator,CN=Users," + AD_BASE

OL_DOMAIN = "ol.resetdesk.test"
OL_BASE = "dc=ol,dc=resetdesk,dc=test"
OL_USERS = "ou=people," + OL_BASE
OL_GROUPS = "ou=groups," + OL_BASE
OL_POLICIES = "ou=policies," + OL_BASE
OL_ADMIN_DN = "cn=admin," + OL_BASE

# The second suffix of the same slapd (a second mdb database): the layout of issue 16, item 1.
# Agents in ou=helpdesk, users in ou=people; anonymous may read entry, objectClass, uid and mail
# (enough to find the DN to bind with), everything else only signed-in users.
CT_DOMAIN = "contoso.com"
CT_BASE = "dc=contoso,dc=com"
CT_PEOPLE = "ou=people," + CT_BASE
CT_AGENTS = "ou=helpdesk," + CT_BASE
CT_GROUPS = "ou=groups," + CT_BASE
CT_POLICIES = "ou=policies," + CT_BASE
CT_ADMIN_DN = "cn=admin," + CT_BASE

# The third suffix of the same slapd (a third mdb database): an ordinary, size-limited OpenLDAP (issue 18).
# slapd's default size limit (500) on this database and no `limits` exception for anyone: a paged read of
# every user fails with sizeLimitExceeded (4) after 500 entries; a bounded search works. limits.sh lifts and
# restores the limit for the agents' groups at run time.
LM_DOMAIN = "limited.resetdesk.test"
LM_BASE = "dc=limited,dc=resetdesk,dc=test"
LM_PEOPLE = "ou=people," + LM_BASE
LM_GROUPS = "ou=groups," + LM_BASE
LM_POLICIES = "ou=policies," + LM_BASE
LM_ADMIN_DN = "cn=admin," + LM_BASE
LM_DATABASE = "olcDatabase={3}mdb,cn=config"
LM_SIZE_LIMIT = 500  # slapd's own default (slapd.conf(5) sizelimit): soft 500, hard the same
LM_GENERATED = 620  # generated plain users in ou=people, beside the agents: more than the limit
# What `limits.sh lift` adds for each agents' group (olcLimits): paged searches may return any number of entries in
# all (a search without paging still stops at 500). The setting the product advises; checked on slapd 2.5.13.
LM_LIFT = "size.prtotal=unlimited"

# back-monitor (cn=Monitor): read by dc=ol's rootdn and by root over ldapi; tests count slapd's searches there.
MONITOR_SEARCHES = "cn=Search,cn=Operations,cn=Monitor"

# Bumped whenever what up.sh provisions changes: a state made by an older layout is provisioned again.
LAYOUT_VERSION = "4"

AD_PORTS = {"ldap": 389, "ldaps": 636}
OL_PORTS = {"ldap": 3389, "ldaps": 3636}

# AD schema GUIDs (checked against Samba 4.17's schema)
GUID_RESET_PASSWORD = "00299570-246d-11d0-a768-00aa006e0529"  # extended right User-Force-Change-Password
GUID_USER_CLASS = "bf967aba-0de6-11d0-a285-00aa003049e2"
GUID_LOCKOUT_TIME = "28630ebf-41d5-11d1-a9c1-0000f80367c1"
GUID_PWD_LAST_SET = "bf967a0a-0de6-11d0-a285-00aa003049e2"

# group key -> (group CN, Entra role it maps to, delegated reset right in the directory?)
GROUPS = {
    "helpdesk": ("Resetdesk Helpdesk Admins", "Helpdesk Administrator", True),
    "trainee": ("Resetdesk Helpdesk Trainees", "Helpdesk Administrator", False),
    "global": ("Resetdesk Global Admins", "Global Administrator", True),
    "privauth": ("Resetdesk Privileged Authentication Admins", "Privileged Authentication Administrator", False),
    "user": ("Resetdesk User Admins", "User Administrator", True),
    "auth": ("Resetdesk Authentication Admins", "Authentication Administrator", False),
    "password": ("Resetdesk Password Admins", "Password Administrator", True),
}

# case name -> (local part, given, surname, group key or None, title)
CASES = {
    "helpdesk": ("helpdesk.agent", "Helpdesk", "Agent", "helpdesk", "Helpdesk Agent"),
    "noright": ("helpdesk.trainee", "Helpdesk", "Trainee", "trainee", "Helpdesk Trainee"),
    "globaladmin": ("global.admin", "Global", "Admin", "global", "IT Director"),
    "privauthadmin": ("privauth.admin", "Privauth", "Admin", "privauth", "Identity Engineer"),
    "useradmin": ("user.admin", "User", "Admin", "user", "Identity Administrator"),
    "authadmin": ("auth.admin", "Auth", "Admin", "auth", "Identity Analyst"),
    "passwordadmin": ("password.admin", "Password", "Admin", "password", "Service Desk Lead"),
    "protected": ("protected.user", "Protected", "User", None, "Domain Operator"),
    "disabled": ("disabled.user", "Disabled", "User", None, "Former Employee"),
    "locked": ("locked.user", "Locked", "User", None, "Sales Associate"),
    "neverexpires": ("never.expires", "Never", "Expires", None, "Service Account Owner"),
    "plain": ("adele.vance", "Adele", "Vance", None, "Retail Manager"),
    "plain2": ("alex.wilber", "Alex", "Wilber", None, "Marketing Assistant"),
    "mustchange": ("megan.bowen", "Megan", "Bowen", None, "Marketing Manager"),
}
AD_ONLY_CASES = {"protected"}  # OpenLDAP has no adminCount

# dc=contoso,dc=com: group key -> (group CN, Entra role it maps to); both delegated on ou=people
CT_ROLE_GROUPS = {
    "helpdesk": ("Helpdesk Admins", "Helpdesk Administrator"),
    "global": ("Global Admins", "Global Administrator"),
}
# case name -> (local part, given, surname, OU key, group key or None, title); the UPN is mail, <local>@contoso.com
CT_CASES = {
    "helpdesk": ("hd.agent", "Helpdesk", "Agent", "helpdesk", "helpdesk", "Helpdesk Agent"),
    "globaladmin": ("hd.global", "Global", "Admin", "helpdesk", "global", "IT Director"),
    "plain": ("adele.vance", "Adele", "Vance", "people", None, "Retail Manager"),
    "plain2": ("alex.wilber", "Alex", "Wilber", "people", None, "Marketing Assistant"),
    "locked": ("locked.user", "Locked", "User", "people", None, "Sales Associate"),
    "disabled": ("disabled.user", "Disabled", "User", "people", None, "Former Employee"),
}
CT_OUS = {"helpdesk": CT_AGENTS, "people": CT_PEOPLE}
# Two entries with one mail (a directory mistake): signing in as that UPN finds no single entry to bind as.
CT_TWIN_MAIL = "twin@" + CT_DOMAIN
CT_TWINS = (("twin.one", "people"), ("twin.two", "helpdesk"))
CT_PLAIN_PEOPLE = 20  # plain users beside the cases in ou=people (the first generated ones)

# dc=limited: the agents' role groups (both delegated on ou=people) and the agents, in ou=people with the users
LM_ROLE_GROUPS = {k: GROUPS[k] for k in ("helpdesk", "global")}
LM_CASES = {"helpdesk": "helpdesk.agent", "globaladmin": "global.admin"}

GIVEN = ["Aaron", "Bianca", "Carlos", "Diana", "Elias", "Fatima", "George", "Hannah", "Ivan", "Julia",
         "Kenji", "Laura", "Mateo", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samuel", "Tara"]
SURNAMES = ["Anderson", "Brooks", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova",
            "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor"]
DEPARTMENTS = [("Sales", "Account Executive"), ("Marketing", "Marketing Specialist"), ("Finance", "Accountant"),
               ("Engineering", "Software Engineer"), ("Support", "Support Engineer"), ("Operations", "Operations Analyst"),
               ("Legal", "Paralegal"), ("Human Resources", "HR Generalist")]


def people():
    """Every seeded person, deterministic: dicts with local, given, sn, phone, mobile, department, title, group, case."""
    out = []
    for key, (local, given, sn, group, title) in CASES.items():
        n = len(out)
        out.append(dict(local=local, given=given, sn=sn, group=group, case=key, title=title,
                        department="IT" if group else "Sales",
                        phone="+1 425 555 0%03d" % (900 + n), mobile="+1 206 555 0%03d" % (900 + n)))
    i = 0
    for sn in SURNAMES:
        for given in GIVEN:
            dept, title = DEPARTMENTS[i % len(DEPARTMENTS)]
            out.append(dict(local="%s.%s" % (given.lower(), sn.lower()), given=given, sn=sn, group=None, case=None,
                            title=title, department=dept,
                            phone="+1 425 555 0%03d" % (100 + i), mobile="+1 206 555 0%03d" % (100 + i)))
            i += 1
    return out


def b64(s):
    return base64.b64encode(s).decode()


def unicode_pwd(pw):
    return b64(('"%s"' % pw).encode("utf-16-le"))


def ssha(pw):
    salt = os.urandom(8)
    return "{SSHA}" + b64(hashlib.sha1(pw.encode() + salt).digest() + salt)


def ad_dn(p):
    return "CN=%s %s,%s" % (p["given"], p["sn"], AD_USERS)


def ol_dn(p):
    return "uid=%s,%s" % (p["local"], OL_USERS)


def group_dn_ad(key):
    return "CN=%s,%s" % (GROUPS[key][0], AD_GROUPS)


def group_dn_ol(key):
    return "cn=%s,%s" % (GROUPS[key][0], OL_GROUPS)


def ct_dn(local, ou):
    return "uid=%s,%s" % (local, CT_OUS[ou])


def ct_group_dn(key):
    return "cn=%s,%s" % (CT_ROLE_GROUPS[key][0], CT_GROUPS)


def ct_people():
    """dc=contoso,dc=com's persons: the cases, then plain users in ou=people (dicts like people())."""
    out = []
    for key, (local, given, sn, ou, group, title) in CT_CASES.items():
        n = len(out)
        out.append(dict(local=local, given=given, sn=sn, ou=ou, group=group, case=key, title=title,
                        department="IT" if group else "Sales",
                        phone="+1 425 555 1%03d" % n, mobile="+1 206 555 1%03d" % n))
    for p in [p for p in people() if not p["case"]][:CT_PLAIN_PEOPLE]:
        out.append(dict(p, ou="people", phone=p["phone"].replace("555 0", "555 2"), mobile=p["mobile"].replace("555 0", "555 2")))
    return out


def ct_person(case):
    return next(p for p in ct_people() if p["case"] == case)


# ---------------------------------------------------------------- AD
AD_UAC = {"disabled": 514, "neverexpires": 66048}  # ACCOUNTDISABLE|NORMAL, DONT_EXPIRE_PASSWD|NORMAL
MINUTES_30 = -30 * 60 * 10 ** 7  # AD intervals: negative 100 ns units


def ad_ldif():
    """Domain password settings, OUs, users, groups (memberships as `member` on the groups)."""
    e = []
    e.append("\n".join([
        "dn: " + AD_BASE, "changetype: modify",
        "replace: lockoutThreshold", "lockoutThreshold: 5", "-",
        "replace: lockoutDuration", "lockoutDuration: %d" % MINUTES_30, "-",
        "replace: lockOutObservationWindow", "lockOutObservationWindow: %d" % MINUTES_30, "-",
        "replace: pwdProperties", "pwdProperties: 1", "-",  # DOMAIN_PASSWORD_COMPLEX
        "replace: minPwdLength", "minPwdLength: 8", "-",
        "replace: pwdHistoryLength", "pwdHistoryLength: 5", "-",
        "replace: minPwdAge", "minPwdAge: 0", "-"]))
    for ou, desc in ((AD_USERS, "Resetdesk test users"), (AD_GROUPS, "Resetdesk role groups")):
        e.append("\n".join(["dn: " + ou, "changetype: add", "objectClass: organizationalUnit", "description: " + desc]))
    members = {k: [] for k in GROUPS}
    for p in people():
        upn = "%s@%s" % (p["local"], AD_DOMAIN)
        lines = ["dn: " + ad_dn(p), "changetype: add", "objectClass: user",
                 "sAMAccountName: " + p["local"], "userPrincipalName: " + upn,
                 "givenName: " + p["given"], "sn: " + p["sn"], "displayName: %s %s" % (p["given"], p["sn"]),
                 "mail: " + upn, "telephoneNumber: " + p["phone"], "mobile: " + p["mobile"],
                 "department: " + p["department"], "title: " + p["title"], "company: Resetdesk Test",
                 "unicodePwd:: " + unicode_pwd(USER_PASSWORD),
                 "userAccountControl: %d" % AD_UAC.get(p["case"], 512)]
        if p["case"] == "protected":
            lines.append("adminCount: 1")
        e.append("\n".join(lines))
        if p["group"]:
            members[p["group"]].append(ad_dn(p))
    for key, (cn, role, _) in GROUPS.items():
        lines = ["dn: " + group_dn_ad(key), "changetype: add", "objectClass: group", "sAMAccountName: " + cn,
                 "description: Maps to the Entra role %s in Resetdesk" % role]
        lines += ["member: " + m for m in members[key]]
        e.append("\n".join(lines))
    # must change at next sign-in
    e.append("\n".join(["dn: " + ad_dn(person("mustchange")), "changetype: modify",
                        "replace: pwdLastSet", "pwdLastSet: 0", "-"]))
    return "\n\n".join(e) + "\n"


def helpdesk_aces(sid):
    """The rights a delegated group gets on OU=Resetdesk Users, inherited by user objects only."""
    return ["(OA;CIIO;CR;%s;%s;%s)" % (GUID_RESET_PASSWORD, GUID_USER_CLASS, sid),
            "(OA;CIIO;WP;%s;%s;%s)" % (GUID_LOCKOUT_TIME, GUID_USER_CLASS, sid),
            "(OA;CIIO;WP;%s;%s;%s)" % (GUID_PWD_LAST_SET, GUID_USER_CLASS, sid)]


def ad_offline(state):
    sys.path.insert(0, "/usr/lib/python3/dist-packages")
    import ldb
    from samba.auth import system_session
    from samba.param import LoadParm
    from samba.samdb import SamDB
    from samba.sd_utils import SDUtils
    from samba.ndr import ndr_unpack
    from samba.dcerpc import security

    lp = LoadParm()
    lp.load(os.path.join(state, "samba", "smb.conf"))
    samdb = SamDB(url=os.path.join(state, "samba", "private", "sam.ldb"), session_info=system_session(), lp=lp)
    text = ad_ldif()
    with open(os.path.join(state, "samba", "seed.ldif"), "w") as f:
        f.write(text.replace(unicode_pwd(USER_PASSWORD), "<base64 of UTF-16LE quoted userPassword>"))
    samdb.transaction_start()
    try:
        samdb.modify_ldif(text)
        sd = SDUtils(samdb)
        for key, (_, _, delegated) in GROUPS.items():
            if delegated:
                sid = str(ndr_unpack(security.dom_sid, samdb.search(base=group_dn_ad(key), scope=ldb.SCOPE_BASE,
                                                                     attrs=["objectSid"])[0]["objectSid"][0]))
                sd.dacl_add_ace(AD_USERS, "".join(helpdesk_aces(sid)))
        # AdminCount=1 objects get AdminSDHolder's descriptor (protected: OU delegation is not inherited),
        # as SDProp would do on Windows.
        sd.modify_sd_on_dn(ad_dn(person("protected")),
                           protected_sddl(sd.get_sd_as_sddl("CN=AdminSDHolder,CN=System," + AD_BASE)))
        samdb.transaction_commit()
    except Exception:
        samdb.transaction_cancel()
        raise


def protected_sddl(sddl):
    """AdminSDHolder's descriptor as SDProp applies it: DACL protected (P), no inherited ACEs."""
    owner, dacl = sddl.split("D:", 1)
    sacl = ""
    if "S:" in dacl:
        dacl, sacl = dacl.split("S:", 1)
        sacl = "S:" + sacl
    flags = re.match(r"[A-Z]*", dacl).group(0)
    aces = re.findall(r"\([^)]*\)", dacl)
    def inherited(ace):
        f = ace[1:-1].split(";")[1]
        return "ID" in [f[i:i + 2] for i in range(0, len(f), 2)]
    kept = [a for a in aces if not inherited(a)]
    return owner + "D:P" + flags.replace("P", "") + "".join(kept) + sacl


def person(case):
    return next(p for p in people() if p["case"] == case)


# ---------------------------------------------------------------- OpenLDAP
def ol_config(state):
    ol = os.path.join(state, "openldap")
    tls = os.path.join(state, "tls")
    delegated = [group_dn_ol(k) for k, g in GROUPS.items() if g[2]]
    idx = ["objectClass eq", "cn,sn,givenName,mail,uid,telephoneNumber,mobile eq,sub", "member,memberOf eq",
           "pwdPolicySubentry eq",
           # The replica's changes (issue 18): back-mdb answers (entryCSN>=x) from the eq index by a range scan
           # (seen in slapd -d 1: the candidates are the changed entries; without it every entry is read and tested).
           # entryUUID: a user named by id (the pane, the replica's comparison).
           "entryCSN,entryUUID eq"]
    acl = people_acl(OL_USERS, delegated, others_change_own=False) + ['to * by users read by * none']
    lines = [
        "dn: cn=config", "objectClass: olcGlobal", "cn: config",
        "olcPidFile: %s/slapd.pid" % ol, "olcArgsFile: %s/slapd.args" % ol,
        "olcTLSCACertificateFile: %s/ca.pem" % tls, "olcTLSCertificateFile: %s/openldap.pem" % tls,
        "olcTLSCertificateKeyFile: %s/openldap.key" % tls, "olcTLSProtocolMin: 3.3",
        "olcLogLevel: none", "",
        "dn: cn=module{0},cn=config", "objectClass: olcModuleList", "cn: module{0}",
        "olcModulePath: /usr/lib/ldap", "olcModuleLoad: {0}back_mdb", "olcModuleLoad: {1}ppolicy",
        "olcModuleLoad: {2}memberof", "",
        "dn: cn=schema,cn=config", "objectClass: olcSchemaConfig", "cn: schema", "",
    ]
    for s in ("core", "cosine", "nis", "inetorgperson"):
        lines += ["include: file:///etc/ldap/schema/%s.ldif" % s, ""]
    lines += [
        "dn: olcDatabase={-1}frontend,cn=config", "objectClass: olcDatabaseConfig", "objectClass: olcFrontendConfig",
        "olcDatabase: {-1}frontend", "olcSizeLimit: 2000", "",
        "dn: olcDatabase={0}config,cn=config", "objectClass: olcDatabaseConfig", "olcDatabase: {0}config",
        "olcAccess: {0}to * by dn.exact=gidNumber=%d+uidNumber=%d,cn=peercred,cn=external,cn=auth manage by * none"
        % (os.getgid(), os.getuid()), "",
        "dn: olcDatabase={1}mdb,cn=config", "objectClass: olcDatabaseConfig", "objectClass: olcMdbConfig",
        "olcDatabase: {1}mdb", "olcDbDirectory: %s/data" % ol, "olcSuffix: " + OL_BASE,
        "olcRootDN: " + OL_ADMIN_DN, "olcRootPW: " + ssha(OL_ADMIN_PASSWORD), "olcDbMaxSize: 1073741824",
        # no anonymous reads (anonymous may only bind); simple binds only over TLS or ldapi, like AD's
        # "ldap server require strong auth"
        "olcRequires: authc", "olcSecurity: simple_bind=64",
    ]
    lines += ["olcDbIndex: " + i for i in idx]
    lines += ["olcAccess: {%d}%s" % (n, a) for n, a in enumerate(acl)]
    lines += [""] + overlays(1, OL_POLICIES) + ct_database(ol, idx) + lm_database(ol, idx) + monitor_database()
    return "\n".join(lines)


def overlays(n, policies):
    """memberof (memberOf kept on the members) and ppolicy (lockout, must change, quality) on database {n}."""
    return [
        "dn: olcOverlay={0}memberof,olcDatabase={%d}mdb,cn=config" % n, "objectClass: olcOverlayConfig",
        "objectClass: olcMemberOf", "olcOverlay: {0}memberof", "olcMemberOfRefInt: TRUE",
        "olcMemberOfGroupOC: groupOfNames", "olcMemberOfMemberAD: member", "olcMemberOfMemberOfAD: memberOf", "",
        "dn: olcOverlay={1}ppolicy,olcDatabase={%d}mdb,cn=config" % n, "objectClass: olcOverlayConfig",
        "objectClass: olcPPolicyConfig", "olcOverlay: {1}ppolicy",
        "olcPPolicyDefault: cn=default," + policies, "olcPPolicyHashCleartext: TRUE",
        "olcPPolicyUseLockout: TRUE", "",
    ]


def people_acl(people_dn, groups, others_change_own):
    """The agents' groups' rights on people (dc=ol, contoso, limited): the ACL's first three rules."""
    by_groups = " ".join('by group.exact="%s" {level}' % g for g in groups)
    return [
        # people's passwords: the groups set them (=w: write, never read the hashes); own change; bind
        'to dn.subtree="%s" attrs=userPassword %s by self write by anonymous auth by * none'
        % (people_dn, by_groups.format(level="=w")),
        # everyone else's (the agents'): bind, and where `others_change_own` their own change
        'to attrs=userPassword %sby anonymous auth by * none' % ("by self write " if others_change_own else ""),
        # people's reset and lock state: the groups write, signed-in users read
        'to dn.subtree="%s" attrs=pwdReset,pwdAccountLockedTime,pwdFailureTime %s by users read by * none'
        % (people_dn, by_groups.format(level="write")),
    ]


def ct_acl():
    """dc=contoso,dc=com's ACL: anyone reads what finds a DN; the rest is for signed-in users."""
    return people_acl(CT_PEOPLE, [ct_group_dn(k) for k in CT_ROLE_GROUPS], others_change_own=True) + [
        # anyone, anonymous included: what it takes to find the DN to bind with
        'to attrs=entry,objectClass,uid,mail by * read',
        'to * by users read by * none',
    ]


def mdb_database(n, ol, data, suffix, admin_dn, settings, idx, acl, policies):
    """Database {n} of its own (suffix, rootdn, mdb in <ol>/<data>), `settings` lines, indexes, ACL, overlays."""
    lines = [
        "dn: olcDatabase={%d}mdb,cn=config" % n, "objectClass: olcDatabaseConfig", "objectClass: olcMdbConfig",
        "olcDatabase: {%d}mdb" % n, "olcDbDirectory: %s/%s" % (ol, data), "olcSuffix: " + suffix,
        "olcRootDN: " + admin_dn, "olcRootPW: " + ssha(OL_ADMIN_PASSWORD), "olcDbMaxSize: 268435456",
    ] + settings
    lines += ["olcDbIndex: " + i for i in idx]
    lines += ["olcAccess: {%d}%s" % (i, a) for i, a in enumerate(acl)]
    return lines + [""] + overlays(n, policies)


def ct_database(ol, idx):
    """The second suffix, database {2}: no olcRequires (anonymous may search), simple binds only over TLS."""
    return mdb_database(2, ol, "data-contoso", CT_BASE, CT_ADMIN_DN, ["olcSecurity: simple_bind=64"], idx, ct_acl(),
                        CT_POLICIES)


def lm_group_dn(key):
    return "cn=%s,%s" % (LM_ROLE_GROUPS[key][0], LM_GROUPS)


def lm_database(ol, idx):
    """The third suffix, database {3} (LM_DATABASE): dc=ol's rights in small, and slapd's default size limit of
    500 for everyone but its rootdn."""
    acl = people_acl(LM_PEOPLE, [lm_group_dn(k) for k in LM_ROLE_GROUPS], others_change_own=False)
    # olcSizeLimit: the frontend's 2000 would apply otherwise; no olcLimits (limits.sh adds and removes them)
    return mdb_database(3, ol, "data-limited", LM_BASE, LM_ADMIN_DN,
                        ["olcRequires: authc", "olcSecurity: simple_bind=64", "olcSizeLimit: %d" % LM_SIZE_LIMIT],
                        idx, acl + ['to * by users read by * none'], LM_POLICIES)


def monitor_database():
    """back-monitor (built into Debian's slapd): operation counters, read by dc=ol's rootdn and root over ldapi."""
    return [
        "dn: olcDatabase={4}monitor,cn=config", "objectClass: olcDatabaseConfig", "olcDatabase: {4}monitor",
        'olcAccess: {0}to dn.subtree="cn=Monitor" by dn.exact=gidNumber=%d+uidNumber=%d,cn=peercred,cn=external,cn=auth read '
        'by dn.exact="%s" read by * none' % (os.getgid(), os.getuid(), OL_ADMIN_DN), "",
    ]


def lm_people():
    """dc=limited's persons: the two agents, then LM_GENERATED plain users (dicts like people())."""
    agents = {p["case"]: p for p in people() if p["case"] in LM_CASES}
    out = [dict(agents[c], phone=agents[c]["phone"].replace("555 0", "556 0"),
                mobile=agents[c]["mobile"].replace("555 0", "556 0")) for c in LM_CASES]
    for i in range(LM_GENERATED):
        given, sn = GIVEN[i % len(GIVEN)], SURNAMES[(i // len(GIVEN)) % len(SURNAMES)]
        round_ = i // (len(GIVEN) * len(SURNAMES))  # 300 names, then again with a number: ada.lopez2
        dept, title = DEPARTMENTS[i % len(DEPARTMENTS)]
        tail = "" if round_ == 0 else str(round_ + 1)
        out.append(dict(local="%s.%s%s" % (given.lower(), sn.lower(), tail), given=given, sn=sn + (" " + tail if tail else ""),
                        group=None, case=None, title=title, department=dept,
                        phone="+1 425 556 %04d" % i, mobile="+1 206 556 %04d" % i))
    return out


def lm_data():
    """dc=limited: ou=people (the agents and LM_GENERATED users), the agents' role groups, a default policy."""
    e = ["\n".join(["dn: " + LM_BASE, "objectClass: dcObject", "objectClass: organization", "dc: limited",
                    "o: Resetdesk Test (OpenLDAP, size-limited)"])]
    for ou in ("people", "groups", "policies"):
        e.append("dn: ou=%s,%s\nobjectClass: organizationalUnit\nou: %s" % (ou, LM_BASE, ou))
    e.append(policy("default", 42 * 86400, LM_POLICIES))
    members = {k: [] for k in LM_ROLE_GROUPS}
    for p in lm_people():
        dn = "uid=%s,%s" % (p["local"], LM_PEOPLE)
        e.append("\n".join(person_entry(p, dn, LM_DOMAIN, "Resetdesk Test")))
        if p["group"]:
            members[p["group"]].append(dn)
    for key, (cn, role, _) in LM_ROLE_GROUPS.items():
        e.append("\n".join(["dn: " + lm_group_dn(key), "objectClass: groupOfNames", "cn: " + cn,
                            "description: Maps to the Entra role %s in Resetdesk" % role]
                           + ["member: " + m for m in members[key]]))
    return "\n\n".join(e) + "\n"


def person_entry(p, dn, domain, org):
    """An inetOrgPerson's lines (the UPN is mail, <local>@domain), with the seeded password."""
    return ["dn: " + dn, "objectClass: inetOrgPerson", "uid: " + p["local"], "cn: %s %s" % (p["given"], p["sn"]),
            "givenName: " + p["given"], "sn: " + p["sn"], "displayName: %s %s" % (p["given"], p["sn"]),
            "mail: %s@%s" % (p["local"], domain), "telephoneNumber: " + p["phone"], "mobile: " + p["mobile"],
            "departmentNumber: " + p["department"], "title: " + p["title"], "o: " + org,
            "userPassword: " + USER_PASSWORD]


def policy(cn, max_age, policies=OL_POLICIES):
    return "\n".join([
        "dn: cn=%s,%s" % (cn, policies), "objectClass: device", "objectClass: pwdPolicy", "cn: " + cn,
        "pwdAttribute: userPassword", "pwdMustChange: TRUE", "pwdLockout: TRUE", "pwdMaxFailure: 5",
        "pwdLockoutDuration: 1800", "pwdFailureCountInterval: 1800", "pwdMinLength: 8", "pwdInHistory: 5",
        "pwdAllowUserChange: TRUE", "pwdCheckQuality: 1", "pwdMaxAge: %d" % max_age])


def ol_data():
    e = ["\n".join(["dn: " + OL_BASE, "objectClass: dcObject", "objectClass: organization", "dc: ol",
                    "o: Resetdesk Test (OpenLDAP)"])]
    for ou in ("people", "groups", "policies"):
        e.append("dn: ou=%s,%s\nobjectClass: organizationalUnit\nou: %s" % (ou, OL_BASE, ou))
    e.append(policy("default", 42 * 86400))  # 42 days, AD's default maximum password age
    e.append(policy("noexpire", 0))
    members = {k: [] for k in GROUPS}
    for p in people():
        if p["case"] in AD_ONLY_CASES:
            continue
        lines = person_entry(p, ol_dn(p), OL_DOMAIN, "Resetdesk Test")
        if p["case"] == "neverexpires":
            lines.append("pwdPolicySubentry: cn=noexpire," + OL_POLICIES)
        e.append("\n".join(lines))
        if p["group"]:
            members[p["group"]].append(ol_dn(p))
    for key, (cn, role, _) in GROUPS.items():
        e.append("\n".join(["dn: " + group_dn_ol(key), "objectClass: groupOfNames", "cn: " + cn,
                            "description: Maps to the Entra role %s in Resetdesk" % role]
                           + ["member: " + m for m in members[key]]))
    return "\n\n".join(e) + "\n\n" + ol_state_ldif()


def ct_data():
    """dc=contoso,dc=com: agents in ou=helpdesk, users in ou=people, role groups, policies, case states."""
    e = ["\n".join(["dn: " + CT_BASE, "objectClass: dcObject", "objectClass: organization", "dc: contoso",
                    "o: Contoso (Resetdesk test, OpenLDAP)"])]
    for ou in ("helpdesk", "people", "groups", "policies"):
        e.append("dn: ou=%s,%s\nobjectClass: organizationalUnit\nou: %s" % (ou, CT_BASE, ou))
    e.append(policy("default", 42 * 86400, CT_POLICIES))
    members = {k: [] for k in CT_ROLE_GROUPS}
    for p in ct_people():
        dn = ct_dn(p["local"], p["ou"])
        e.append("\n".join(person_entry(p, dn, CT_DOMAIN, "Contoso")))
        if p["group"]:
            members[p["group"]].append(dn)
    for local, ou in CT_TWINS:
        e.append("\n".join(["dn: " + ct_dn(local, ou), "objectClass: inetOrgPerson", "uid: " + local, "cn: Twin",
                            "sn: Twin", "displayName: Twin (%s)" % local, "mail: " + CT_TWIN_MAIL,
                            "userPassword: " + USER_PASSWORD]))
    for key, (cn, role) in CT_ROLE_GROUPS.items():
        e.append("\n".join(["dn: " + ct_group_dn(key), "objectClass: groupOfNames", "cn: " + cn,
                            "description: Maps to the Entra role %s in Resetdesk" % role]
                           + ["member: " + m for m in members[key]]))
    states = ["\n".join(["dn: " + ct_dn(p["local"], p["ou"]), "changetype: modify"] + ol_case_state(p["case"]))
              for p in ct_people() if p["case"] and ol_case_state(p["case"])]
    return "\n\n".join(e) + "\n\n" + "\n\n".join(states) + "\n"


def ol_state_ldif():
    """Case states that are not plain attributes at add time (ppolicy operational attributes)."""
    out = []
    for p in people():
        if not p["case"] or p["case"] in AD_ONLY_CASES:
            continue
        extra = ol_case_state(p["case"])
        if extra:
            out.append("\n".join(["dn: " + ol_dn(p), "changetype: modify"] + extra))
    return "\n\n".join(out) + "\n"


def ol_case_state(case):
    if case == "disabled":  # ppolicy's "locked by an administrator, forever"
        return ["replace: pwdAccountLockedTime", "pwdAccountLockedTime: 000001010000Z", "-"]
    if case == "mustchange":
        return ["replace: pwdReset", "pwdReset: TRUE", "-"]
    return []


# ---------------------------------------------------------------- reset-cases
def ol_reset_entries(dn, case):
    """One OpenLDAP case back to its initial state, as the rootdn with the relax control."""
    # Three modifies: a userPassword change makes ppolicy append its own deletes of pwdAccountLockedTime and
    # pwdFailureTime to the same modify (they would collide with ours), and a change by the rootdn sets
    # pwdReset: TRUE (pwdMustChange), which the second one removes again.
    head = ["dn: " + dn, "changetype: modify"]
    out = ["\n".join(head + ["replace: userPassword", "userPassword: " + USER_PASSWORD, "-"]),
           "\n".join(head + ["replace: pwdAccountLockedTime", "-", "replace: pwdFailureTime", "-",
                              "replace: pwdReset", "-", "replace: pwdHistory", "-"])]
    extra = ol_case_state(case)
    if extra:
        out.append("\n".join(head + extra))
    return out


def reset_ldifs(state):
    """Put the named cases back: password, unlocked, then the case's own state (locks are redone by real binds)."""
    ad, ol = [], []
    for p in people():
        if not p["case"]:
            continue
        ad.append("\n".join(
            ["dn: " + ad_dn(p), "changetype: modify",
             "replace: unicodePwd", "unicodePwd:: " + unicode_pwd(USER_PASSWORD), "-",
             "replace: lockoutTime", "lockoutTime: 0", "-",
             "replace: userAccountControl", "userAccountControl: %d" % AD_UAC.get(p["case"], 512), "-",
             "replace: pwdLastSet", "pwdLastSet: %d" % (0 if p["case"] == "mustchange" else -1), "-"]
            + (["replace: adminCount", "adminCount: 1", "-"] if p["case"] == "protected" else [])))
        if p["case"] in AD_ONLY_CASES:
            continue
        ol += ol_reset_entries(ol_dn(p), p["case"])
    ct = []
    for p in ct_people():
        if p["case"]:
            ct += ol_reset_entries(ct_dn(p["local"], p["ou"]), p["case"])
    for name, entries in (("samba/reset.ldif", ad), ("openldap/reset.ldif", ol), ("openldap/reset-contoso.ldif", ct)):
        path = os.path.join(state, name)
        with open(path, "w") as f:
            f.write("\n\n".join(entries) + "\n")
        os.chmod(path, 0o600)


# ---------------------------------------------------------------- servers.json
def servers(state):
    def side(kind):
        if kind == "ad":
            users = {c: "%s@%s" % (v[0], AD_DOMAIN) for c, v in CASES.items()}
            return {
                "urls": ["ldaps://127.0.0.1:%d" % AD_PORTS["ldaps"]],
                "startTlsUrl": "ldap://127.0.0.1:%d" % AD_PORTS["ldap"],
                "baseDn": AD_BASE, "usersDn": AD_USERS, "groupsDn": AD_GROUPS, "domain": AD_DOMAIN,
                "admin": {"dn": AD_ADMIN_DN, "upn": "administrator@" + AD_DOMAIN, "password": AD_ADMIN_PASSWORD},
                "userPassword": USER_PASSWORD,
                "roleGroups": {group_dn_ad(k): g[1] for k, g in GROUPS.items()},
                "users": users,
            }
        users = {c: "%s@%s" % (v[0], OL_DOMAIN) for c, v in CASES.items() if c not in AD_ONLY_CASES}
        return {
            "urls": ["ldaps://127.0.0.1:%d" % OL_PORTS["ldaps"]],
            "startTlsUrl": "ldap://127.0.0.1:%d" % OL_PORTS["ldap"],
            "baseDn": OL_BASE, "usersDn": OL_USERS, "groupsDn": OL_GROUPS, "domain": OL_DOMAIN,
            "upnAttribute": "mail",
            "admin": {"dn": OL_ADMIN_DN, "upn": None, "password": OL_ADMIN_PASSWORD},
            "userPassword": USER_PASSWORD,
            "roleGroups": {group_dn_ol(k): g[1] for k, g in GROUPS.items()},
            "users": users,
        }
    ct_users = {c: "%s@%s" % (v[0], CT_DOMAIN) for c, v in CT_CASES.items()}
    contoso = {
        "urls": ["ldaps://127.0.0.1:%d" % OL_PORTS["ldaps"]],
        "startTlsUrl": "ldap://127.0.0.1:%d" % OL_PORTS["ldap"],
        # A profile with --base alone: users are found wherever they are under it.
        "baseDn": CT_BASE, "usersDn": CT_BASE, "peopleDn": CT_PEOPLE, "agentsDn": CT_AGENTS, "groupsDn": CT_GROUPS,
        "domain": CT_DOMAIN, "upnAttribute": "mail",
        "admin": {"dn": CT_ADMIN_DN, "upn": None, "password": OL_ADMIN_PASSWORD},
        "userPassword": USER_PASSWORD,
        "roleGroups": {ct_group_dn(k): g[1] for k, g in CT_ROLE_GROUPS.items()},
        "users": ct_users,
        # Two entries have this mail (twin.one in ou=people, twin.two in ou=helpdesk), both with userPassword.
        "duplicateUpn": CT_TWIN_MAIL,
        # Each case's DN, for binds of a test's own (the product finds them by a search).
        "dns": {ct_users[p["case"]]: ct_dn(p["local"], p["ou"]) for p in ct_people() if p["case"]},
    }
    lm_users = {c: "%s@%s" % (local, LM_DOMAIN) for c, local in LM_CASES.items()}
    limited = {
        "urls": ["ldaps://127.0.0.1:%d" % OL_PORTS["ldaps"]],
        "startTlsUrl": "ldap://127.0.0.1:%d" % OL_PORTS["ldap"],
        "baseDn": LM_BASE, "usersDn": LM_PEOPLE, "groupsDn": LM_GROUPS, "domain": LM_DOMAIN, "upnAttribute": "mail",
        "admin": {"dn": LM_ADMIN_DN, "upn": None, "password": OL_ADMIN_PASSWORD},
        "userPassword": USER_PASSWORD,
        "roleGroups": {lm_group_dn(k): g[1] for k, g in LM_ROLE_GROUPS.items()},
        "users": lm_users,
        # inetOrgPersons under usersDn (the agents included), and the database's size limit (olcSizeLimit)
        "userCount": len(lm_people()),
        "sizeLimit": LM_SIZE_LIMIT,
        # what `limits.sh lift` adds per role group (olcLimits on the database); `limits.sh restore` removes it
        "lift": LM_LIFT,
    }
    # back-monitor: slapd's operation counters, for tests that count the server's searches
    monitor = {"url": "ldaps://127.0.0.1:%d" % OL_PORTS["ldaps"], "bindDn": OL_ADMIN_DN, "password": OL_ADMIN_PASSWORD,
               "searchesDn": MONITOR_SEARCHES}
    doc = {"ca": os.path.join(state, "tls", "ca.pem"), "untrustedCa": os.path.join(state, "tls", "untrusted-ca.pem"),
           "ad": side("ad"), "openldap": side("openldap"), "contoso": contoso, "limited": limited,
           "slapdMonitor": monitor}
    path = os.path.join(state, "servers.json")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def main():
    cmd, state = sys.argv[1], os.path.abspath(sys.argv[2])
    if cmd == "ad-offline":
        ad_offline(state)
    elif cmd == "ol-config":
        sys.stdout.write(ol_config(state))
    elif cmd == "ol-data":
        sys.stdout.write(ol_data())
    elif cmd == "ol-contoso":
        sys.stdout.write(ct_data())
    elif cmd == "ol-limited":
        sys.stdout.write(lm_data())
    elif cmd == "reset":
        reset_ldifs(state)
    elif cmd == "servers":
        servers(state)
    elif cmd == "shell":
        import shlex
        for k in ("AD_ADMIN_PASSWORD", "OL_ADMIN_PASSWORD", "USER_PASSWORD", "WRONG_PASSWORD", "AD_ADMIN_DN",
                  "OL_ADMIN_DN", "AD_BASE", "OL_BASE", "AD_USERS", "OL_USERS", "CT_ADMIN_DN", "CT_BASE", "CT_PEOPLE",
                  "CT_AGENTS", "LM_ADMIN_DN", "LM_BASE", "LM_DATABASE", "LM_LIFT", "LAYOUT_VERSION"):
            print("%s=%s" % (k, shlex.quote(globals()[k])))
        print("AD_LOCKED_DN=%s" % shlex.quote(ad_dn(person("locked"))))
        print("OL_LOCKED_DN=%s" % shlex.quote(ol_dn(person("locked"))))
        print("AD_LOCKED_UPN=%s" % shlex.quote(person("locked")["local"] + "@" + AD_DOMAIN))
        print("CT_LOCKED_DN=%s" % shlex.quote(ct_dn(ct_person("locked")["local"], "people")))
        print("LM_GROUPS=(%s)" % " ".join(shlex.quote(lm_group_dn(k)) for k in LM_ROLE_GROUPS))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
