/**
 * Search over one bound LDAP session: a page of the users a query matches (a
 * bounded search, or everyone by paged results for an empty query), and every
 * user under the users DN for a local index. What the session's identity may
 * read is all it finds.
 */
import type { Filter } from 'ldapts';
import type { DirectoryUser, SearchPage, SearchResults } from '../../domain/types';
import { matchesFilter, normalizeFilter, type UserFilter } from '../../domain/user-filter';
import type { Session } from './connection';
import type { LdapEntry } from './entry';
import { searchFilter, toLdapFilter } from './filter';
import { cappedTotal } from '../../domain/search-count';
import { summaryOf } from './ldap-credential';
import { byName, type Reader } from './ldap-reader';
import type { LdapProfile } from './profile';
import type { DirectorySchema } from './schema';

/** Most results a search-as-you-type reads when listing everyone with paged results. */
const LIST_PAGE_SIZE = 500;
/**
 * An empty query lists everyone by name, so everyone is read (paged) and
 * sorted, up to this many; past it the list is by name among these and its
 * total says "more than". The app answers from its index of every user instead.
 */
export const EVERYONE_SORTED_MAX = 10_000;
/** Open temporary passwords named one by one in a filter; past this the users are checked after the read only. */
const NAMED_IDS_MAX = 500;

export interface SearchScope {
  session: Session;
  reader: Reader;
  profile: LdapProfile;
  schema: DirectorySchema;
  now: number;
  /** The users with an open temporary password (the local file's), asked only when that filter is on. */
  openTemporaryIds?: () => Promise<readonly string[]>;
}

const NOTHING: SearchResults = { users: [], total: { count: 0, exact: true } };

export async function searchPage(scope: SearchScope, query: string, page: SearchPage, filter?: UserFilter): Promise<SearchResults> {
  const { reader, profile, schema, now } = scope;
  const wanted = normalizeFilter(filter);
  const open = wanted.temporaryPassword ? new Set((await scope.openTemporaryIds?.()) ?? []) : new Set<string>();
  const clauses = schema.stateClauses(wanted, open.size <= NAMED_IDS_MAX ? [...open] : null);
  if (clauses === null) return NOTHING;
  const text = searchFilter(query, schema.search);
  const ldapFilter = toLdapFilter(clauses.length === 0 ? text : { and: [text, ...clauses] });
  // Everyone by name needs everyone read; a query reads as far as the page asked for, one more telling "more than".
  const everyone = query.trim() === '';
  const want = everyone ? EVERYONE_SORTED_MAX + 1 : Math.max(page.offset + page.limit, profile.searchSizeLimit) + 1;
  const entries = await readEntries(scope, ldapFilter, want, everyone || want > LIST_PAGE_SIZE);
  const exact = entries.length < want;
  if (!exact) entries.length = want - 1;
  const users: DirectoryUser[] = [];
  for (const entry of entries) {
    const user = await reader.map(entry, now);
    if (user && matchesFilter(summaryOf(user), wanted, now, open)) users.push(user);
  }
  users.sort(byName(query));
  return {
    users: users.slice(page.offset, page.offset + page.limit).map(summaryOf),
    // Capped as every search's count is: past it, "more than 1,000".
    total: cappedTotal(users.length, exact),
  };
}

/** Up to `want` entries: one bounded search, or the paged-results control for more than a page. */
async function readEntries({ session, profile, schema }: SearchScope, filter: Filter, want: number, paged: boolean): Promise<LdapEntry[]> {
  const options = { scope: 'sub' as const, filter, attributes: schema.attributes, explicitBufferAttributes: schema.explicitBuffers };
  if (!paged) {
    const result = await session.client.search(profile.usersDn, {
      ...options,
      sizeLimit: want,
      timeLimit: Math.ceil(profile.timeoutMs / 1000),
    });
    return result.searchEntries;
  }
  const entries: LdapEntry[] = [];
  for await (const chunk of session.client.searchPaginated(profile.usersDn, { ...options, paged: { pageSize: Math.min(LIST_PAGE_SIZE, want) } })) {
    entries.push(...chunk.searchEntries);
    if (entries.length >= want) break;
  }
  return entries;
}

export async function everyUser({ session, reader, profile, schema, now }: SearchScope, max: number): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  for await (const chunk of session.client.searchPaginated(profile.usersDn, {
    scope: 'sub',
    filter: toLdapFilter(schema.search.userClass),
    attributes: schema.attributes,
    explicitBufferAttributes: schema.explicitBuffers,
    paged: { pageSize: LIST_PAGE_SIZE },
  })) {
    for (const entry of chunk.searchEntries) {
      const user = await reader.map(entry, now);
      if (user) users.push(user);
    }
    if (users.length >= max) break;
  }
  return users;
}
