/**
 * Signing in to AD / OpenLDAP is a bind as the user; the answer is the sign-in
 * result. AD says why a bind failed in the diagnostic text (data 52e, 773,
 * 532, 775, 533); OpenLDAP's ppolicy says it in the bind response control
 * 1.3.6.1.4.1.42.2.27.8.5.1 (ldapts fills the request's PasswordPolicyControl
 * with the answer, also when the bind throws). A user's own password change is
 * AD's delete-old + add-new unicodePwd modify, or OpenLDAP's RFC 3062 Password
 * Modify extended operation, as that user. Every call writes one audit event.
 */
import { Attribute, BerWriter, Change, PasswordPolicyControl, PasswordPolicyError } from 'ldapts';
import { DomainError, type ErrorCode } from '../../domain/errors';
import type { Stores } from '../../domain/stores';
import type { Secret } from '../../domain/secret';
import type { SignInResult } from '../../domain/sign-in';
import type { AuditDraft, DirectoryUser } from '../../domain/types';
import type { Authenticator, SignInOutcome } from '../directory';
import { assertPasswordsNotLogged, withSession, type BindIdentity, type ConnectionDeps, type Session } from './connection';
import { toLdapFilter } from './filter';
import { errorCodeOfSignIn } from './ldap-errors';
import { LdapAgentCredential, type LdapUserDirectory } from './ldap-directory';
import { locateAccount, type LocatedAccount } from './locate';
import type { LdapProfile } from './profile';
import { unicodePwd } from './schema';

/** RFC 3062 Password Modify. */
export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

/** PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0] OPTIONAL, oldPasswd [1] OPTIONAL, newPasswd [2] OPTIONAL } */
export function passwordModifyRequest(oldPassword: string, newPassword: string, userIdentity?: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  if (userIdentity !== undefined) writer.writeString(userIdentity, 0x80);
  writer.writeString(oldPassword, 0x81);
  writer.writeString(newPassword, 0x82);
  writer.endSequence();
  return writer.buffer;
}

const RESULT_OF_CODE: Partial<Record<ErrorCode, Exclude<SignInResult, 'ok'>>> = {
  AUTH_FAILED: 'invalid_credentials',
  LOCKED_OUT: 'locked',
  ACCOUNT_DISABLED: 'disabled',
  PASSWORD_CHANGE_REQUIRED: 'password_change_required',
  PASSWORD_EXPIRED: 'password_expired',
};

/** ppolicy's answer, where it says more than the result code. */
function resultOfPolicy(control: PasswordPolicyControl): Exclude<SignInResult, 'ok'> | null {
  switch (control.value?.error) {
    case PasswordPolicyError.PasswordExpired:
      return 'password_expired';
    case PasswordPolicyError.AccountLocked:
      return 'locked';
    case PasswordPolicyError.ChangeAfterReset:
      return 'password_change_required';
    default:
      return null;
  }
}

export interface LdapAuthenticatorOptions {
  profile: LdapProfile;
  stores: Stores;
  directory: LdapUserDirectory;
  connection?: ConnectionDeps;
}

export class LdapAuthenticator implements Authenticator {
  readonly #options: LdapAuthenticatorOptions;

  constructor(options: LdapAuthenticatorOptions) {
    this.#options = options;
  }

  /** The DN a user binds as, and how it was found (locate.ts): AD the UPN itself; OpenLDAP a search, or a template. */
  locate(upn: string): Promise<LocatedAccount> {
    const directory = this.#options.directory;
    return locateAccount(this.#options.profile, upn, {
      service: () => directory.serviceIdentity(),
      ...(this.#options.connection ? { connection: this.#options.connection } : {}),
    });
  }

  #audit(draft: Omit<AuditDraft, 'actorId' | 'actorUpn' | 'targetId' | 'targetUpn'>, upn: string, user: DirectoryUser | undefined): Promise<void> {
    const stores = this.#options.stores;
    return stores.audit.append(
      { actorId: user?.id ?? null, actorUpn: user?.upn ?? upn, targetId: user?.id ?? null, targetUpn: user?.upn ?? upn, ...draft },
      stores.clock(),
    );
  }

  async signIn(upn: string, password: Secret): Promise<SignInOutcome> {
    const policy = new PasswordPolicyControl();
    const controls = this.#options.profile.type === 'openldap' ? [policy] : undefined;
    let identity: BindIdentity | null = null;
    let result: SignInResult;
    try {
      const { dn } = await this.locate(upn);
      identity = dn === null ? null : { dn, password };
      // No single entry has that UPN: the same answer as a wrong password, and no bind.
      result = identity
        ? await withSession(this.#options.profile, identity, async () => resultOfPolicy(policy) ?? 'ok', this.#options.connection, controls)
        : 'invalid_credentials';
    } catch (error) {
      const mapped = error instanceof DomainError ? error : new DomainError('INTERNAL');
      const fromPolicy = resultOfPolicy(policy);
      const fromCode = RESULT_OF_CODE[mapped.code];
      if (!fromCode) {
        // Not an answer about the user (unreachable, certificate, TLS): audited, then thrown.
        await this.#audit({ action: 'signin', result: 'failure', errorCode: mapped.code }, upn, undefined);
        throw mapped;
      }
      result = fromPolicy ?? fromCode;
    }
    let user: DirectoryUser | undefined;
    let credential: LdapAgentCredential | undefined;
    if (result === 'ok' && identity) {
      // The agent's own entry, read as themself: who they are and which role groups they are in.
      const probe = new LdapAgentCredential(upn, '', identity.dn, password);
      const found = await this.#options.directory.asAgent(probe).getAgent({ upn }).catch(async (error: unknown) => {
        await this.#audit({ action: 'signin', result: 'failure', errorCode: error instanceof DomainError ? error.code : 'INTERNAL' }, upn, undefined);
        throw error;
      });
      if (!found) {
        // Bound but not a user the profile can see (outside the base DN, no UPN attribute): not an agent here.
        result = 'invalid_credentials';
      } else {
        user = found;
        credential = new LdapAgentCredential(found.upn, found.id, identity.dn, password);
      }
    }
    await this.#audit(
      { action: 'signin', result: result === 'ok' ? 'success' : 'failure', errorCode: result === 'ok' ? null : errorCodeOfSignIn(result) },
      upn,
      user,
    );
    return { result, ...(user ? { user } : {}), ...(credential ? { credential } : {}) };
  }

  async changePassword(upn: string, oldPassword: Secret, newPassword: Secret): Promise<void> {
    const profile = this.#options.profile;
    try {
      assertPasswordsNotLogged();
      if (profile.type === 'openldap') {
        const { dn } = await this.locate(upn);
        if (dn === null) throw new DomainError('AUTH_FAILED');
        // A must-change user's bind succeeds (ppolicy then allows only the change): the exop as themself.
        await withSession(profile, { dn, password: oldPassword }, async (session) => {
          session.writing();
          await session.client.exop(PASSWORD_MODIFY_OID, passwordModifyRequest(oldPassword.reveal(), newPassword.reveal()));
        }, this.#options.connection);
      } else {
        await this.#adChange(upn, oldPassword, newPassword);
      }
    } catch (error) {
      const mapped = error instanceof DomainError ? error : new DomainError('INTERNAL');
      await this.#audit({ action: 'password.change', result: 'failure', errorCode: mapped.code }, upn, undefined);
      throw mapped;
    }
    await this.#audit({ action: 'password.change', result: 'success', errorCode: null }, upn, undefined);
  }

  /**
   * AD: delete the old unicodePwd and add the new one in one modify: a change
   * (the server checks the old password, the history and the policy), not a
   * reset. It is made as the user when they can bind. A user who must change
   * (pwdLastSet=0, data 773) or whose password expired (532) cannot bind at
   * all, so the same modify is made on a connection bound as the profile's
   * service account: AD grants the Change Password extended right
   * (ab721a53-1e2f-11d0-9819-00aa0040529b) to Everyone, and the old password
   * in the delete is what proves the user. In agent mode there is no such
   * account: PASSWORD_CHANGE_REQUIRED, saying where the change can be made.
   */
  async #adChange(upn: string, oldPassword: Secret, newPassword: Secret): Promise<void> {
    const changes = [
      new Change({ operation: 'delete', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(oldPassword.reveal())] }) }),
      new Change({ operation: 'add', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(newPassword.reveal())] }) }),
    ];
    const profile = this.#options.profile;
    const change = async (session: Session) => {
      // Under the whole base, as at sign-in: agents often live outside the users DN.
      const result = await session.client.search(profile.baseDn, {
        scope: 'sub',
        filter: toLdapFilter({ equals: 'userPrincipalName', value: upn }),
        attributes: ['1.1'],
        sizeLimit: 2,
      });
      const dn = result.searchEntries[0]?.dn;
      if (!dn || result.searchEntries.length > 1) throw new DomainError('USER_NOT_FOUND');
      session.writing();
      await session.client.modify(dn, changes);
    };
    try {
      await withSession(profile, { dn: upn, password: oldPassword }, change, this.#options.connection);
    } catch (error) {
      // 773 / 532 come only from the bind, and only when the old password was right.
      const cannotBind = error instanceof DomainError && (error.code === 'PASSWORD_CHANGE_REQUIRED' || error.code === 'PASSWORD_EXPIRED');
      if (!cannotBind) throw error;
      const service = await this.#options.directory.serviceIdentity();
      if (!service) throw new DomainError('PASSWORD_CHANGE_REQUIRED', AD_CHANGE_NEEDS_SERVICE);
      await withSession(profile, service, change, this.#options.connection);
    }
  }
}

/** Why an AD user who must change cannot do it here in agent mode, and where they can. */
export const AD_CHANGE_NEEDS_SERVICE =
  'Active Directory does not let an account that must change its password sign in over LDAP, and this connection profile has no service account to make the change with. Change it at a Windows sign-in (Ctrl+Alt+Del), or ask the helpdesk for a reset.';
