/**
 * The two search engines the table compares, behind one shape: ours through
 * the product's public API as the IPC handler calls it (app-directory.ts, then
 * services.directory.searchUsers), and slapd over loopback with ldapts.
 */
import { Client } from 'ldapts';
import { openAsTheApp } from './app-directory';
import { ldapFilterFor } from './ldap-filter';
import { BASE_DN } from './ldif';
import { LIMIT } from './queries';
import type { UserFilter } from '../../main/domain/user-filter';

export interface SearchEngine {
  name: string;
  /** One page of LIMIT results at `offset`; resolves to how many came back. A filter only where the engine has one (ours). */
  search(query: string, offset: number, filter?: UserFilter): Promise<number>;
  close(): Promise<void>;
}

export async function ourEngine(dbPath: string): Promise<SearchEngine & { searchMode: string }> {
  const app = await openAsTheApp(dbPath);
  const directory = app.services.directory.as(null);
  return {
    name: 'ours',
    searchMode: app.searchMode,
    async search(query, offset, filter) {
      const { users } = await directory.searchUsers(query, { limit: LIMIT, offset }, filter);
      return users.length;
    },
    close: () => app.close(),
  };
}

/**
 * slapd has no offset: offset 100 asks for sizeLimit 120 and drops the first
 * 100 (what a client without server-side sorting would do; the paged results
 * control would cost the same 120 entries in two round trips). slapd returns
 * entries unranked, in its own order: it does less work than our ranked page.
 */
export async function slapdEngine(url: string): Promise<SearchEngine> {
  const client = new Client({ url, timeout: 30_000 });
  await client.bind(''); // anonymous: the bench slapd allows reads
  return {
    name: 'slapd',
    async search(query, offset) {
      const { searchEntries } = await client.search(BASE_DN, {
        scope: 'sub',
        filter: ldapFilterFor(query),
        sizeLimit: LIMIT + offset,
        attributes: ['uid', 'cn', 'mail', 'ou', 'telephoneNumber', 'mobile'],
      });
      return searchEntries.slice(offset).length;
    },
    async close() {
      await client.unbind();
    },
  };
}
