/**
 * What an LDAP view reads under one bound session: the one entry a reference
 * names, an entry by its DN, a user mapped by the directory's schema; and the
 * agent's own account, the tenant settings with the directory's own policy,
 * and the name order of search results, as the view needs them.
 */
import { DomainError } from '../../domain/errors';
import type { DirectoryUser, TenantSettings } from '../../domain/types';
import type { AgentAccount, UserRef } from '../directory';
import type { Session } from './connection';
import type { LdapEntry } from './entry';
import { toLdapFilter, type FilterNode } from './filter';
import type { LdapProfile } from './profile';
import type { DirectorySchema, EntryReader } from './schema';

/** Searches under one bound session. */
export class Reader implements EntryReader {
  readonly #session: Session;
  readonly #profile: LdapProfile;
  readonly #schema: DirectorySchema;

  constructor(session: Session, profile: LdapProfile, schema: DirectorySchema) {
    this.#session = session;
    this.#profile = profile;
    this.#schema = schema;
  }

  async base(dn: string, attributes: string[]): Promise<LdapEntry | null> {
    const result = await this.#session.client.search(dn, { scope: 'base', attributes }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 32) return { searchEntries: [] as LdapEntry[] };
      throw error;
    });
    return result.searchEntries[0] ?? null;
  }

  /** The one user a reference names; two entries with the same UPN attribute is a directory problem, said so. */
  async find(ref: UserRef, base: string = this.#profile.usersDn, withMarkers = false): Promise<LdapEntry | null> {
    const named = this.#schema.refFilter(ref);
    if (!named) return null;
    const filter: FilterNode = { and: [this.#schema.search.userClass, named] };
    const result = await this.#session.client.search(base, {
      scope: 'sub',
      filter: toLdapFilter(filter),
      // The change markers only where a change is recorded or settled: AD's replication metadata is large.
      attributes: withMarkers ? [...this.#schema.attributes, ...this.#schema.markerAttributes] : this.#schema.attributes,
      explicitBufferAttributes: this.#schema.explicitBuffers,
      sizeLimit: 2,
    });
    if (result.searchEntries.length > 1) {
      throw new DomainError('DIRECTORY_ERROR', `Two directory entries have the ${this.#profile.upnAttribute} of that user.`);
    }
    return result.searchEntries[0] ?? null;
  }

  async map(entry: LdapEntry, now: number): Promise<DirectoryUser | null> {
    const policy = await this.#schema.policyFor(entry, this);
    return this.#schema.map(entry, now, policy);
  }
}

export function accountOfUser(user: DirectoryUser): AgentAccount {
  return { enabled: user.enabled, locked: user.locked, roles: user.roles };
}

/** The tenant settings with the directory's own minimum length and lockout, which are what the server enforces. */
export function withDirectoryPolicy(tenant: TenantSettings, policy: ReturnType<DirectorySchema['effective']>): TenantSettings {
  if (!policy) return tenant;
  return {
    ...tenant,
    passwordPolicy: { ...tenant.passwordPolicy, minLength: Math.max(tenant.passwordPolicy.minLength, policy.minLength) },
    lockoutPolicy:
      policy.lockoutThreshold > 0
        ? { threshold: policy.lockoutThreshold, durationSeconds: policy.lockoutDurationSeconds }
        : tenant.lockoutPolicy,
  };
}

/** Name order, with users whose display name starts with the query first. */
export function byName(query: string): (a: DirectoryUser, b: DirectoryUser) => number {
  const q = query.trim().toLowerCase();
  return (a, b) => {
    const pa = q !== '' && a.displayName.toLowerCase().startsWith(q) ? 0 : 1;
    const pb = q !== '' && b.displayName.toLowerCase().startsWith(q) ? 0 : 1;
    return pa - pb || a.displayName.localeCompare(b.displayName) || a.upn.localeCompare(b.upn);
  };
}
