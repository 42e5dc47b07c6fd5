/**
 * Active Directory and OpenLDAP as a UserDirectory. Every call opens a
 * connection, binds (as the agent by default, so the directory's own ACL has
 * the last word and its logs name the agent; or as the profile's service
 * account), does its reads or its one modify, and closes.
 *
 * Service mode trusts the app: the directory sees only the service account,
 * so its ACL cannot tell one agent from another, and who may reset whom is the
 * role matrix over the profile's group → role mapping alone (an agent the
 * directory would refuse in agent mode succeeds there if their groups map to
 * a role that may). Sign-in still binds as the agent; the local audit names
 * the agent; the directory's own logs name the service account.
 *
 * A change and its audit cannot commit together (the change is on the server,
 * the audit in the local file): setPassword and unlock write an intent to the
 * local audit before the modify is sent, the engine's audit after it names the
 * intent (its one outcome), and settlement.ts settles the intents whose answer
 * was lost or whose process died. A modify whose answer is lost may have
 * landed: it is never audited as failed. The user is read again at once, on a
 * new connection to the same server; if that shows the change, it is a
 * success, else the agent hears DIRECTORY_OUTCOME_UNKNOWN and the intent stays
 * open until the directory tells.
 */
import { Change } from 'ldapts';
import { DomainError } from '../../domain/errors';
import type { Stores } from '../../domain/stores';
import type { Secret } from '../../domain/secret';
import type { AuditDraft, DirectoryUser, SearchPage, SearchResults } from '../../domain/types';
import type {
  AdministratorContact,
  ContactPoints,
  AgentCredential,
  DirectoryCapabilities,
  DirectoryTransaction,
  DirectoryView,
  PasswordOptions,
  PreparedPassword,
  ReplicaBind,
  UserDirectory,
  UserRef,
} from '../directory';
import { assertEncrypted, assertPasswordsNotLogged, withSession, type BindIdentity, type ConnectionDeps, type Session } from './connection';
import { answerLost, isDirectoryFailure, serviceBindRefusal, toDirectoryError } from './ldap-errors';
import { verificationAttributes, type LdapProfile } from './profile';
import { entryContactPoints } from './verification-mapping';
import { schemaFor, type ChangeMarkers, type DirectorySchema } from './schema';
import { findGlobalAdministrators, globalAdministratorGroups } from './administrators';
import { verdictOf, type Verdict } from './change-markers';
import { leaseFor } from './intent-lease';
import { LdapAgentCredential, LdapPassword } from './ldap-credential';
import { Reader, accountOfUser, withDirectoryPolicy } from './ldap-reader';
import { UNKNOWN_DETAIL, recordOutcome, withFacts } from './outcome-record';
import { everyUser, searchPage } from './ldap-search';
import { OPEN_TEMPORARY_MAX, type UserFilter } from '../../domain/user-filter';
import { resolveOpenIntents, type MarkersRead } from './settlement';

export { LdapAgentCredential, summaryOf } from './ldap-credential';

export interface LdapDirectoryOptions {
  profile: LdapProfile;
  stores: Stores;
  /** Service mode: the service account's password, from the OS keychain (SecretStore). */
  servicePassword?: () => Promise<Secret>;
  connection?: ConnectionDeps;
  /**
   * Test seam: runs after an intent is written and before its modify is sent
   * (a test kills the process there). Not used by the product.
   */
  afterIntent?: (intentId: number) => Promise<void>;
}



/**
 * AD and OpenLDAP: the users' own directory, which they sign in to without
 * Resetdesk seeing it, and which is read only as an agent.
 */
const LDAP_CAPABILITIES: DirectoryCapabilities = Object.freeze({
  syncedFromOnPremises: false,
  reportsFirstUse: false,
  readableByFileOwner: false,
});

export class LdapUserDirectory implements UserDirectory {
  readonly kind: 'ad' | 'openldap';
  readonly capabilities = LDAP_CAPABILITIES;
  readonly location: string;
  readonly profileName: string;
  readonly #options: LdapDirectoryOptions;

  constructor(options: LdapDirectoryOptions) {
    if (options.profile.bind === 'service' && !options.servicePassword) {
      throw new Error('a service-mode profile needs the service account password source');
    }
    this.#options = options;
    this.kind = options.profile.type;
    this.location = options.profile.urls.join(' ');
    this.profileName = options.profile.name;
  }

  get profile(): LdapProfile {
    return this.#options.profile;
  }

  as(agent: AgentCredential | null): DirectoryView {
    return new LdapView(this.#options, agent);
  }

  /**
   * Service mode: the service account's bind (its password fetched now, from
   * the keychain); null in agent mode, where there is no such account.
   */
  async serviceIdentity(): Promise<BindIdentity | null> {
    const profile = this.#options.profile;
    if (profile.bind !== 'service' || !profile.serviceAccountDn || !this.#options.servicePassword) return null;
    return { dn: profile.serviceAccountDn, password: await this.#options.servicePassword() };
  }

  /** The replica's sync binds as the service account (service mode) or as the signed-in agent (agent mode). */
  async replicaSource(agent: AgentCredential | null): Promise<ReplicaBind | null> {
    const identity = (await this.serviceIdentity()) ?? (agent instanceof LdapAgentCredential ? agent.identity : null);
    return identity ? { dn: identity.dn, password: identity.password.reveal() } : null;
  }

  /**
   * Settles this profile's open intents, read as the agent (settlement.ts);
   * a credential that is not this provider's settles nothing.
   */
  async settleOpenIntents(agent: AgentCredential): Promise<number> {
    if (!(agent instanceof LdapAgentCredential)) return 0;
    return (await resolveOpenIntents(this.#options.stores, this, agent.identity)).length;
  }

  /** Views as an explicit identity (an administrator or the service account): start-up resolution, tests. */
  asIdentity(identity: BindIdentity): LdapView {
    return new LdapView(this.#options, null, identity);
  }

  /** The directory as this agent, with the agents' own look-up (sign-in) and the full listing (search index). */
  asAgent(agent: AgentCredential): LdapView {
    return new LdapView(this.#options, agent);
  }

  async close(): Promise<void> {
    // Nothing stays open between calls.
  }
}

export class LdapView implements DirectoryView {
  readonly #options: LdapDirectoryOptions;
  readonly #agent: AgentCredential | null;
  readonly #identity: BindIdentity | undefined;
  readonly #schema: DirectorySchema;

  constructor(options: LdapDirectoryOptions, agent: AgentCredential | null, identity?: BindIdentity) {
    this.#options = options;
    this.#agent = agent;
    this.#identity = identity;
    this.#schema = schemaFor(options.profile);
  }

  get #profile(): LdapProfile {
    return this.#options.profile;
  }

  /** In clear, for main only: read as this view's identity, mapped by the profile's verification attributes. */
  async contactPoints(ref: UserRef): Promise<ContactPoints | null> {
    return this.#session(async (_session, reader) => {
      const entry = await reader.find(ref);
      return entry ? entryContactPoints(entry, verificationAttributes(this.#profile)) : null;
    });
  }

  async globalAdministrators(): Promise<AdministratorContact[]> {
    if (globalAdministratorGroups(this.#profile).length === 0) return [];
    return this.#session((session, reader) =>
      findGlobalAdministrators(session, this.#profile, this.#schema, (entry) => reader.map(entry, this.#options.stores.clock())),
    );
  }

  async #bindIdentity(): Promise<BindIdentity> {
    if (this.#identity) return this.#identity;
    if (this.#profile.bind === 'service') {
      return { dn: this.#profile.serviceAccountDn!, password: await this.#options.servicePassword!() };
    }
    if (this.#agent instanceof LdapAgentCredential) return this.#agent.identity;
    // Directories refuse anonymous reads: without the agent's bind there is nothing to read.
    throw new DomainError('NOT_SIGNED_IN');
  }

  async #session<T>(work: (session: Session, reader: Reader) => Promise<T>): Promise<T> {
    const identity = await this.#bindIdentity();
    const service = !this.#identity && this.#profile.bind === 'service';
    let bound = false;
    try {
      return await withSession(
        this.#profile,
        identity,
        (session) => {
          bound = true;
          return work(session, new Reader(session, this.#profile, this.#schema));
        },
        this.#options.connection,
      );
    } catch (error) {
      throw service && !bound ? serviceBindRefusal(error, identity.dn) : error;
    }
  }

  async getUser(ref: UserRef): Promise<DirectoryUser | null> {
    return this.#session(async (_session, reader) => {
      const entry = await reader.find(ref);
      return entry ? reader.map(entry, this.#options.stores.clock()) : null;
    });
  }

  /**
   * An agent's own entry: looked for under the whole base DN, since agents
   * often live apart from the users they help (an admins OU beside the users
   * DN). Sign-in reads it for who they are and their role groups.
   */
  async getAgent(ref: UserRef): Promise<DirectoryUser | null> {
    return this.#session(async (_session, reader) => {
      const entry = await reader.find(ref, this.#profile.baseDn);
      return entry ? reader.map(entry, this.#options.stores.clock()) : null;
    });
  }

  /** Settling an intent: the user, the values that tell whether a change landed, and the server that answered. */
  async markers(ref: UserRef): Promise<MarkersRead | null> {
    return this.#session(async (session, reader) => {
      const entry = await reader.find(ref, undefined, true);
      const user = entry ? await reader.map(entry, this.#options.stores.clock()) : null;
      return entry && user ? { user, markers: this.#schema.markers(entry), server: session.url } : null;
    });
  }

  /** This view with the profile's servers in this order (the one a change went to first). */
  onServers(urls: string[]): LdapView {
    return new LdapView({ ...this.#options, profile: { ...this.#profile, urls } }, this.#agent, this.#identity);
  }

  /**
   * After a lost answer, the process that sent the change reads the user again
   * on a new connection to the same server (the answer may have been lost on
   * the way while the server is fine). A change seen is the verdict; anything
   * else (not seen yet, or no answer again) is null: the change may still land.
   */
  async #confirm(action: AuditDraft['action'], targetId: string, before: ChangeMarkers, server: string, sentAt: number): Promise<Verdict | null> {
    if (action !== 'password.reset' && action !== 'account.unlock') return null;
    try {
      const found = await this.onServers([server]).markers({ id: targetId });
      const verdict = found ? verdictOf({ kind: this.#schema.type, action, before, after: found.markers, sameServer: true, sentAt }) : null;
      return verdict?.changed ? verdict : null;
    } catch (error) {
      if (isDirectoryFailure(error)) return null;
      throw error;
    }
  }

  async searchUsers(query: string, page: SearchPage, filter?: UserFilter): Promise<SearchResults> {
    const stores = this.#options.stores;
    const openTemporaryIds = () => stores.temporaryPasswords.openTargetIds(OPEN_TEMPORARY_MAX);
    return this.#session((session, reader) =>
      searchPage({ session, reader, profile: this.#profile, schema: this.#schema, now: stores.clock(), openTemporaryIds }, query, page, filter),
    );
  }

  /**
   * Every user under the users DN (paged results), mapped, up to `max`: what a
   * local search index is built from. Read as this view's identity, so it holds
   * only what that agent may read.
   */
  async listUsers(max = 200_000): Promise<DirectoryUser[]> {
    return this.#session((session, reader) =>
      everyUser({ session, reader, profile: this.#profile, schema: this.#schema, now: this.#options.stores.clock() }, max),
    );
  }

  async preparePassword(password: Secret): Promise<PreparedPassword> {
    return new LdapPassword(this.#profile.type, password);
  }

  async transact<T>(ref: UserRef, work: (tx: DirectoryTransaction) => Promise<T>): Promise<T> {
    const stores = this.#options.stores;
    const schema = this.#schema;
    const agent = this.#agent;
    const profile = this.#profile;
    const afterIntent = this.#options.afterIntent;
    return this.#session(async (session, reader) => {
      const now = stores.clock();
      const entry = await reader.find(ref, undefined, true);
      const policy = entry ? await schema.policyFor(entry, reader) : null;
      const target = entry ? await reader.map(entry, now) : null;
      const tenant = withDirectoryPolicy(await stores.tenant.get(), schema.effective(policy));
      const agentsBase = profile.baseDn;
      let intentId: number | null = null;
      let changed = false;
      /** The lost answer's change, seen when the user was read again. */
      let confirmed: Verdict | null = null;
      /** The intent's outcome, as the engine audits it: recorded when the work is done (see `record`). */
      let outcome: (AuditDraft & { intentId: number }) | null = null;
      /** Audits of no intent (a refusal), written as they come and awaited before the transaction ends. */
      const appends: Promise<{ error: unknown } | undefined>[] = [];
      const appended = async () => {
        const failed = (await Promise.all(appends)).find((a) => a !== undefined);
        if (failed) throw failed.error;
      };

      const send = async (action: AuditDraft['action'], changes: Change[], notes: Record<string, unknown>, then: Change[] = []) => {
        if (!entry || !target) throw new DomainError('USER_NOT_FOUND');
        if (changed) throw new Error('one change per transaction');
        assertEncrypted(profile); // withSession checked it; a write checks again before the intent
        changed = true;
        const before = schema.markers(entry);
        const intent = await stores.audit.intend(
          {
            actorId: agent instanceof LdapAgentCredential ? agent.id : null,
            actorUpn: agent?.upn ?? null,
            targetId: target.id,
            targetUpn: target.upn,
            action,
            result: 'intent',
            errorCode: null,
            // The server the modify goes to: a "not changed" read on another one may only be replication lag.
            detail: JSON.stringify({ before, server: session.url, ...notes }),
          },
          now,
          leaseFor(profile, stores.clock()),
        );
        intentId = intent;
        await afterIntent?.(intent);
        if (changes.length === 0) return; // nothing to change (an unlock of a user who is not locked)
        // A connection already closed would be opened again by ldapts, unbound: the change is not sent, and
        // that is certain (nothing changed), unlike a connection lost once the modify is on its way.
        if (!session.client.isConnected) throw new DomainError('DIRECTORY_UNREACHABLE');
        session.writing();
        let lost = false;
        try {
          await session.client.modify(entry.dn, changes);
        } catch (error) {
          // The server's refusal is the outcome (the engine audits it with this code, mapped here, inside the unit).
          if (!answerLost(error)) throw isDirectoryFailure(error) ? toDirectoryError(error, 'write') : error;
          confirmed = await this.#confirm(action, target.id, before, session.url, now);
          if (!confirmed) throw new DomainError('DIRECTORY_OUTCOME_UNKNOWN', UNKNOWN_DETAIL[action] ?? '');
          lost = true;
        }
        if (then.length === 0) return;
        try {
          // After a lost answer the first connection is gone: the second change goes on a new one.
          if (lost) await this.onServers([session.url]).#session((again) => again.client.modify(entry.dn, then));
          else await session.client.modify(entry.dn, then);
        } catch (error) {
          // The password is set; what the second modify restores is not: said so, as a failure to check.
          const cause = isDirectoryFailure(error) ? toDirectoryError(error, 'write') : error;
          const why = cause instanceof DomainError ? ` (${cause.code})` : '';
          throw new DomainError(
            'DIRECTORY_ERROR',
            `The password was set, but the directory did not take the second change${why}: the account was disabled and may now be enabled. Disable it again in the directory.`,
          );
        }
      };


      const tx: DirectoryTransaction = {
        now,
        tenant,
        target,
        async accountOf(userId) {
          const own = await reader.find({ id: userId }, agentsBase);
          if (!own) return null;
          const user = await reader.map(own, now);
          return user ? accountOfUser(user) : null;
        },
        async setPassword(password: PreparedPassword, options: PasswordOptions) {
          if (!(password instanceof LdapPassword) || password.preparedFor !== schema.type) {
            throw new Error('password was not prepared by this directory');
          }
          if (!entry) throw new DomainError('USER_NOT_FOUND');
          assertPasswordsNotLogged(); // before the intent: nothing is sent
          const { changes, notes, then } = schema.resetChanges(password.secret.reveal(), options, { dn: entry.dn, entry });
          await send('password.reset', changes, notes, then);
        },
        async unlock() {
          if (!entry) throw new DomainError('USER_NOT_FOUND');
          await send('account.unlock', schema.unlockChanges({ dn: entry.dn, entry }), {});
        },
        audit(draft: AuditDraft) {
          const intent = draft.intentId ?? intentId;
          if (intent === null) {
            // Handled at once (a failure must not go unhandled while the work runs), thrown at the end.
            appends.push(stores.audit.append(draft, stores.clock()).then(() => undefined, (error: unknown) => ({ error })));
            return;
          }
          const lostAnswer = confirmed ? { answerLost: true, confirmedBy: (confirmed as Verdict).by } : {};
          outcome = { ...draft, intentId: intent, detail: withFacts(draft.detail ?? null, lostAnswer) };
        },
      };
      try {
        return await work(tx);
      } finally {
        await appended();
        if (outcome) await recordOutcome(stores, outcome);
      }
    });
  }
}
