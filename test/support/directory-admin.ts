/**
 * Test support: changes made in the test directories with their own admin
 * tools, not through the product: samba-tool on the Samba DC's sam.ldb, and
 * ldapadd / ldapmodify / ldapmodrdn / ldapdelete as slapd's rootdn over ldapi
 * (scripts/directories/ lays the state out). A test that adds a user removes
 * it (reset-cases.sh restores only the named cases).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPO = new URL('../../', import.meta.url).pathname;
const STATE = process.env.RESETDESK_DIRECTORIES_DIR ?? join(REPO, '.directories');

/** A user a test made: its account name (sAMAccountName / uid) and UPN. */
export interface AdminUser {
  local: string;
  upn: string;
}

export interface DirectoryAdmin {
  /** A new enabled user under the users DN. */
  addUser(local: string, given: string, surname: string): AdminUser;
  /** New given name, surname, display name and cn; OpenLDAP: the entry is also moved to uid=<newLocal> (modrdn). */
  rename(user: AdminUser, given: string, surname: string, newLocal?: string): AdminUser;
  disable(user: AdminUser): void;
  /** Moves the user under another parent (outside the users DN: the replica no longer holds them). */
  move(user: AdminUser, parentDn: string): void;
  remove(user: AdminUser): void;
  /** Adds or removes a member of a group named by its cn. */
  setMember(groupCn: string, user: AdminUser, member: boolean): void;
  /** Removes a user if it is there (a test's clean-up after a failure). */
  removeIfThere(local: string): void;
}

const PASSWORD = 'Welcome-2-Resetdesk!';
const run = (command: string, args: string[], input?: string) =>
  execFileSync(command, args, { input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000, encoding: 'utf8' });

/** Samba: samba-tool on the DC's own database (the running DC sees each change at once). */
export function sambaAdmin(domain: string): DirectoryAdmin {
  const local = ['-s', join(STATE, 'samba', 'smb.conf'), '-H', join(STATE, 'samba', 'private', 'sam.ldb')];
  const tool = (...args: string[]) => run('samba-tool', [...args, ...local]);
  return {
    addUser(name, given, surname) {
      tool('user', 'add', name, PASSWORD, `--given-name=${given}`, `--surname=${surname}`, '--userou=OU=Resetdesk Users');
      return { local: name, upn: `${name}@${domain}` };
    },
    rename(user, given, surname) {
      tool('user', 'rename', user.local, `--given-name=${given}`, `--surname=${surname}`, `--display-name=${given} ${surname}`);
      return user;
    },
    disable: (user) => void tool('user', 'disable', user.local),
    move: (user, parentDn) => void tool('user', 'move', user.local, parentDn),
    remove: (user) => void tool('user', 'delete', user.local),
    setMember: (groupCn, user, member) => void tool('group', member ? 'addmembers' : 'removemembers', groupCn, user.local),
    removeIfThere(name) {
      try {
        tool('user', 'delete', name);
      } catch {
        // not there
      }
    },
  };
}

/** slapd: ldap-utils as the suffix's rootdn over the ldapi socket. */
export function slapdAdmin(side: { baseDn: string; usersDn: string; domain: string; admin: { dn: string; password: string } }): DirectoryAdmin {
  const url = `ldapi://${encodeURIComponent(join(STATE, 'openldap', 'ldapi'))}`;
  const as = ['-H', url, '-x', '-D', side.admin.dn, '-w', side.admin.password];
  /** Where a user is: the users DN, or the base DN after move() (the test's only other parent). */
  const moved = new Map<string, string>();
  const dnOf = (name: string) => `uid=${name},${moved.get(name) ?? side.usersDn}`;
  const modify = (ldif: string) => run('ldapmodify', [...as, '-e', 'relax'], ldif);
  return {
    addUser(name, given, surname) {
      const upn = `${name}@${side.domain}`;
      run('ldapadd', as, [
        `dn: ${dnOf(name)}`, 'objectClass: inetOrgPerson', `uid: ${name}`, `cn: ${given} ${surname}`, `givenName: ${given}`,
        `sn: ${surname}`, `displayName: ${given} ${surname}`, `mail: ${upn}`, `userPassword: ${PASSWORD}`, '',
      ].join('\n'));
      return { local: name, upn };
    },
    rename(user, given, surname, newLocal) {
      modify([
        `dn: ${dnOf(user.local)}`, 'changetype: modify', 'replace: givenName', `givenName: ${given}`, '-',
        'replace: sn', `sn: ${surname}`, '-', 'replace: displayName', `displayName: ${given} ${surname}`, '-',
        'replace: cn', `cn: ${given} ${surname}`, '-', '',
      ].join('\n'));
      if (!newLocal) return user;
      run('ldapmodrdn', [...as, '-r', dnOf(user.local), `uid=${newLocal}`]);
      return { local: newLocal, upn: user.upn };
    },
    disable: (user) =>
      void modify([`dn: ${dnOf(user.local)}`, 'changetype: modify', 'replace: pwdAccountLockedTime', 'pwdAccountLockedTime: 000001010000Z', '-', ''].join('\n')),
    move(user, parentDn) {
      run('ldapmodrdn', [...as, '-s', parentDn, dnOf(user.local), `uid=${user.local}`]);
      moved.set(user.local, parentDn);
    },
    remove: (user) => void run('ldapdelete', [...as, dnOf(user.local)]),
    setMember(groupCn, user, member) {
      const group = `cn=${groupCn},ou=groups,${side.baseDn}`;
      modify([`dn: ${group}`, 'changetype: modify', `${member ? 'add' : 'delete'}: member`, `member: ${dnOf(user.local)}`, '-', ''].join('\n'));
    },
    removeIfThere(name) {
      for (const parent of [side.usersDn, side.baseDn]) {
        try {
          run('ldapdelete', [...as, `uid=${name},${parent}`]);
        } catch {
          // not there
        }
      }
    },
  };
}

/**
 * slapd's size limit on the database of dc=ol (olcDatabase={1}mdb), as an
 * ordinary slapd has it (500 by default); null takes it away again. Changed
 * in cn=config as root over ldapi (SASL EXTERNAL), as the provisioning does.
 */
export function slapdSizeLimit(limit: number | null): void {
  const url = `ldapi://${encodeURIComponent(join(STATE, 'openldap', 'ldapi'))}`;
  const change = limit === null ? ['delete: olcSizeLimit'] : ['replace: olcSizeLimit', `olcSizeLimit: ${limit}`];
  try {
    run('ldapmodify', ['-Y', 'EXTERNAL', '-Q', '-H', url], ['dn: olcDatabase={1}mdb,cn=config', 'changetype: modify', ...change, '-', ''].join('\n'));
  } catch (error) {
    // Taking away a limit that is not there is done already.
    if (limit !== null || !/No such attribute/.test(String((error as { stderr?: unknown }).stderr))) throw error;
  }
}
