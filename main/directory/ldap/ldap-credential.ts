/**
 * What the LDAP providers hand around: the signed-in agent's credential (how
 * to bind as them), a password made ready for a modify, and a user's row in
 * search results.
 */
import type { Secret } from '../../domain/secret';
import type { DirectoryUser, UserSummary } from '../../domain/types';
import type { AgentCredential, PreparedPassword } from '../directory';
import type { BindIdentity } from './connection';

/**
 * What sign-in hands back: who the agent is, and (agent mode) how to bind as
 * them. The password stays a Secret in main's memory.
 */
export class LdapAgentCredential implements AgentCredential {
  readonly upn: string;
  /** The agent's directory id (objectGUID / entryUUID as text): the engine's Actor.id. */
  readonly id: string;
  readonly dn: string;
  readonly #password: Secret;

  constructor(upn: string, id: string, dn: string, password: Secret) {
    this.upn = upn;
    this.id = id;
    this.dn = dn;
    this.#password = password;
  }

  get identity(): BindIdentity {
    return { dn: this.dn, password: this.#password };
  }

  toJSON(): { upn: string } {
    return { upn: this.upn };
  }
}

/** A password made ready for an LDAP directory: kept as it is, sent over TLS in the modify. */
export class LdapPassword implements PreparedPassword {
  readonly preparedFor: string;
  readonly #secret: Secret;
  constructor(kind: string, secret: Secret) {
    this.preparedFor = kind;
    this.#secret = secret;
  }
  get secret(): Secret {
    return this.#secret;
  }
}

/** The parts of DirectoryUser a results row shows. */
export function summaryOf(user: DirectoryUser): UserSummary {
  const { id, upn, displayName, mail, department, source, userType, domainType, adminCount, roles, enabled, locked, lockedUntil } = user;
  return { id, upn, displayName, mail, department, source, userType, domainType, adminCount, roles, enabled, locked, lockedUntil };
}
