/**
 * The server's own search per query class (queries.ts), through the product's
 * OpenLDAP provider as a signed-in agent: `searchUsers(query, { limit, offset })`
 * on the live directory view, which opens an LDAPS connection, binds as the
 * agent, sends the provider's filter (sizeLimit max(offset + limit, the
 * profile's searchSizeLimit) + 1), maps, ranks and pages. What a replica's
 * search is to be put beside.
 */
import type { DirectoryView } from '../../main/directory/directory';
import { LIMIT, OFFSETS, type QueryClass } from './queries';
import { ms, progress, summarize, timeQueries, type Summary } from './stats';

export interface ServerSearchRow {
  queryClass: string;
  offset: number;
  timings: Summary;
  /** How many users the page for the class's first query held (a check that the server found someone). */
  firstPage: number;
}

export interface SearchPlan {
  rounds: number;
  budgetMs: number;
}

/** p50/p95 (and n, max) of every class at each offset, one search at a time (`who` names it in the progress lines: the replica's search is timed here too). */
export async function serverSearchTimes(
  directory: Pick<DirectoryView, 'searchUsers'>,
  classes: readonly QueryClass[],
  plan: SearchPlan,
  offsets: readonly number[] = OFFSETS,
  who = 'server',
): Promise<ServerSearchRow[]> {
  const rows: ServerSearchRow[] = [];
  for (const queryClass of classes) {
    for (const offset of offsets) {
      const page = (query: string) => directory.searchUsers(query, { limit: LIMIT, offset }, queryClass.filter);
      const firstPage = (await page(queryClass.queries[0]!)).users.length;
      const timings = summarize(await timeQueries(queryClass.queries, plan.rounds, plan.budgetMs, page));
      progress(`  ${who} ${queryClass.name}, offset ${offset}: p50 ${ms(timings.p50)} ms, p95 ${ms(timings.p95)} ms (n ${timings.n})`);
      rows.push({ queryClass: queryClass.name, offset, timings, firstPage });
    }
  }
  return rows;
}
