/**
 * The ReplicaFeed of an Active Directory or OpenLDAP directory (issue 18):
 * every user under the users DN in pages, the changes since a cursor, every
 * id. It binds with its own identity on its own connections (one per read, so
 * an idle connection is never dropped under it between syncs), and it maps
 * users exactly as the pane and the live search do (Reader.map), so the
 * replica's rows are what a search on the server returns.
 *
 * Cursors (opaque JSON to everyone else):
 * - AD: {"dsServiceName": "<NTDS Settings DN>", "invocationId": "<GUID>", "usn": <highestCommittedUSN>}
 * - OpenLDAP: {"csn": "<entryCSN>"}: changes are the entries stamped at or above it.
 */
import type { ChangePage, ChangesRead, FeedProgress, ReplicaFeed } from '../replica-feed';
import type { DirectoryUser } from '../../domain/types';
import { DomainError } from '../../domain/errors';
import { withSession, type BindIdentity, type ConnectionDeps } from './connection';
import { buffer, first, type LdapEntry } from './entry';
import { guidToString } from './ad-mapping';
import { adCursorNow, readAdChanges, tombstonesVisible } from './ad-changes';
import { FEED_PAGE_SIZE, pagesOf, readLimited, usersOf, type FeedScope } from './feed-pages';
import { Reader } from './ldap-reader';
import { contextCsn, csnAt, CsnWatermark, readOpenLdapChanges } from './openldap-changes';
import type { LdapProfile } from './profile';
import { schemaFor } from './schema';

export interface ReplicaFeedOptions {
  profile: LdapProfile;
  /** Who the feed binds as (the agent or the profile's service account): the replica holds what it may read. */
  identity: BindIdentity;
  connection?: ConnectionDeps;
  /** The time users are mapped at (a lock's end, "locked" now). */
  clock: () => number;
  /** Entries per page (default 500); tests make it small to see several pages. */
  pageSize?: number;
}

/** What differs between the two schemas' feeds: the cursor a full read starts from, the changes, the id. */
interface Flavour {
  readonly deletions: ReplicaFeed['deletions'];
  /** Read besides the schema's attributes in a full read. */
  extraAttributes: string[];
  /** Before a full read: the cursor (AD), or how to work it out from what the read sees (OpenLDAP). */
  startFull(scope: FeedScope): Promise<{ see(entry: LdapEntry): void; cursor(): string }>;
  readChanges(scope: FeedScope, cursor: string, onPage: (page: ChangePage) => Promise<void>): Promise<ChangesRead>;
  /** The id of an entry as DirectoryUser.id, with the attributes that hold it. */
  idAttributes: string[];
  idOf(entry: LdapEntry): string | null;
}

/**
 * AD's feed: deletions come with the changes once a read has seen that this
 * account may list Deleted Objects (tombstonesVisible); until then, and for
 * an account that may not, they are found by comparing ids.
 */
function adFlavour(): Flavour {
  let tombstones = false;
  const probe = async (scope: FeedScope) => {
    tombstones = await tombstonesVisible(scope.session, scope.profile.baseDn);
  };
  return {
    get deletions() {
      return tombstones ? 'changes' : 'comparison';
    },
    extraAttributes: [],
    async startFull(scope) {
      const cursor = JSON.stringify(await adCursorNow(scope.session));
      await probe(scope);
      return { see: () => undefined, cursor: () => cursor };
    },
    async readChanges(scope, cursor, onPage) {
      await probe(scope);
      return readAdChanges(scope, cursor, onPage, tombstones);
    },
    idAttributes: ['objectGUID'],
    idOf(entry) {
      const guid = buffer(entry, 'objectGUID');
      return guid && guid.length === 16 ? guidToString(guid) : null;
    },
  };
}

const OPENLDAP: Flavour = {
  deletions: 'comparison',
  extraAttributes: ['entryCSN'],
  async startFull(scope) {
    const context = await contextCsn(scope.session, scope.profile.usersDn);
    const watermark = new CsnWatermark();
    return {
      see: (entry) => watermark.see(entry),
      // No entry seen: every change from the beginning is after it.
      cursor: () => JSON.stringify(context ? { csn: context } : (watermark.next(null) ?? { csn: csnAt(0) })),
    };
  },
  readChanges: readOpenLdapChanges,
  idAttributes: ['entryUUID'],
  idOf: (entry) => first(entry, 'entryUUID'),
};

export function openReplicaFeed(options: ReplicaFeedOptions): ReplicaFeed {
  return new LdapReplicaFeed(options);
}

class LdapReplicaFeed implements ReplicaFeed {
  readonly #options: ReplicaFeedOptions;
  readonly #flavour: Flavour;
  /** The sessions open now (close() ends them). */
  readonly #open = new Set<() => Promise<void>>();
  #closed = false;

  constructor(options: ReplicaFeedOptions) {
    this.#options = options;
    this.#flavour = options.profile.type === 'ad' ? adFlavour() : OPENLDAP;
  }

  /** Runs `work` on a new bound connection; a server's refusal to page through everyone is DIRECTORY_READ_LIMITED. */
  async #run<T>(work: (scope: FeedScope) => Promise<T>): Promise<T> {
    if (this.#closed) throw new DomainError('DIRECTORY_ERROR', 'The directory feed is closed.');
    const { profile, identity, connection, clock, pageSize = FEED_PAGE_SIZE } = this.#options;
    // A schema per read: its cached domain policy is as fresh as the read.
    const schema = schemaFor(profile);
    return withSession(
      profile,
      identity,
      async (session) => {
        const end = () => session.client.unbind().catch(() => undefined);
        this.#open.add(end);
        try {
          return await work({ session, reader: new Reader(session, profile, schema), profile, schema, now: clock(), pageSize });
        } catch (error) {
          throw readLimited(error, profile);
        } finally {
          this.#open.delete(end);
        }
      },
      connection,
    );
  }

  /** AD: 'changes' only once a read has seen this account may list Deleted Objects (read it after readAll or readChanges). */
  get deletions(): ReplicaFeed['deletions'] {
    return this.#flavour.deletions;
  }

  readAll(onPage: (users: DirectoryUser[], progress: FeedProgress) => Promise<void>): Promise<string> {
    return this.#run(async (scope) => {
      // The cursor is taken before the first page: a change made during the read is read again next time.
      const mark = await this.#flavour.startFull(scope);
      const { profile, schema } = scope;
      const attributes = [...schema.attributes, ...this.#flavour.extraAttributes];
      let read = 0;
      const search = { base: profile.usersDn, filter: schema.search.userClass, attributes, buffers: schema.explicitBuffers };
      for await (const entries of pagesOf(scope, search)) {
        entries.forEach((entry) => mark.see(entry));
        const users = await usersOf(scope, entries);
        read += users.length;
        // Neither Samba nor slapd gives a count with paged results (their size answer is 0): no estimate.
        if (users.length > 0) await onPage(users, { read, estimate: null });
      }
      return mark.cursor();
    });
  }

  readChanges(cursor: string, onPage: (page: ChangePage) => Promise<void>): Promise<ChangesRead> {
    return this.#run((scope) => this.#flavour.readChanges(scope, cursor, onPage));
  }

  readIds(onPage: (ids: string[]) => Promise<void>): Promise<void> {
    return this.#run(async (scope) => {
      const { profile, schema } = scope;
      // Only entries that map to a user (the UPN attribute present), as the replica holds them.
      const filter = { and: [schema.search.userClass, { present: profile.type === 'ad' ? 'userPrincipalName' : profile.upnAttribute }] };
      const search = { base: profile.usersDn, filter, attributes: this.#flavour.idAttributes, buffers: schema.explicitBuffers };
      for await (const entries of pagesOf(scope, search)) {
        const ids = entries.flatMap((entry) => this.#flavour.idOf(entry) ?? []);
        if (ids.length > 0) await onPage(ids);
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#open].map((end) => end()));
  }
}
