/**
 * Search over one bound LDAP session: a page of the users a query matches (a
 * bounded search, or everyone by paged results for an empty query), and every
 * user under the users DN for a local index. What the session's identity may
 * read is all it finds.
 */
import type { DirectoryUser, SearchPage, SearchResults } from '../../domain/types';
import type { Session } from './connection';
import type { LdapEntry } from './entry';
import { searchFilter, toLdapFilter } from './filter';
import { summaryOf } from './ldap-credential';
import { byName, type Reader } from './ldap-reader';
import type { LdapProfile } from './profile';
import type { DirectorySchema } from './schema';

/** Most results a search-as-you-type reads when listing everyone with paged results. */
const LIST_PAGE_SIZE = 500;

export interface SearchScope {
  session: Session;
  reader: Reader;
  profile: LdapProfile;
  schema: DirectorySchema;
  now: number;
}

export async function searchPage({ session, reader, profile, schema, now }: SearchScope, query: string, page: SearchPage): Promise<SearchResults> {
  const filter = toLdapFilter(searchFilter(query, schema.search));
  const entries: LdapEntry[] = [];
  let exact = true;
  if (query.trim() !== '') {
    // One bounded search: one more than the limit tells "more than N".
    const result = await session.client.search(profile.usersDn, {
      scope: 'sub',
      filter,
      attributes: schema.attributes,
      explicitBufferAttributes: schema.explicitBuffers,
      sizeLimit: profile.searchSizeLimit + 1,
      timeLimit: Math.ceil(profile.timeoutMs / 1000),
    });
    entries.push(...result.searchEntries);
    if (entries.length > profile.searchSizeLimit) {
      entries.length = profile.searchSizeLimit;
      exact = false;
    }
  } else {
    // Everyone: the paged-results control, up to the page asked for and one more.
    const want = Math.max(page.offset + page.limit, profile.searchSizeLimit) + 1;
    for await (const chunk of session.client.searchPaginated(profile.usersDn, {
      scope: 'sub',
      filter,
      attributes: schema.attributes,
      explicitBufferAttributes: schema.explicitBuffers,
      paged: { pageSize: Math.min(LIST_PAGE_SIZE, want) },
    })) {
      entries.push(...chunk.searchEntries);
      if (entries.length >= want) break;
    }
    if (entries.length >= want) {
      entries.length = want - 1;
      exact = false;
    }
  }
  const users: DirectoryUser[] = [];
  for (const entry of entries) {
    const user = await reader.map(entry, now);
    if (user) users.push(user);
  }
  users.sort(byName(query));
  return {
    users: users.slice(page.offset, page.offset + page.limit).map(summaryOf),
    total: { count: users.length, exact },
  };
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
