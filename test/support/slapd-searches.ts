/**
 * Counting the test slapd's searches (issue 18: "no retry storm"), from its
 * back-monitor: `monitorOpInitiated` of cn=Search,cn=Operations,cn=Monitor,
 * read over LDAPS as dc=ol's rootdn (servers.json `slapdMonitor`).
 *
 * Initiated, not Completed: slapd counts a search as initiated before it runs
 * it, so every search whose answer a client has seen is already counted; the
 * completed count moves only after the answer is sent, and a read right after
 * an action could miss its last search.
 *
 * The count is the whole server's (every suffix, every client; each page of a
 * paged search is one search): hold the servers for the test file
 * (holdServersForThisFile) so no other file searches meanwhile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';

const REPO = new URL('../../', import.meta.url).pathname;
const SERVERS_JSON = join(process.env.RESETDESK_DIRECTORIES_DIR ?? join(REPO, '.directories'), 'servers.json');

interface MonitorFacts {
  ca: string;
  slapdMonitor: { url: string; bindDn: string; password: string; searchesDn: string };
}

/** The counter's own searches made by this process: each read takes them off, so two reads differ by others' searches only. */
let ownReads = 0;

/**
 * How many searches slapd has started, less the ones these counts made in this
 * process (their own included): between two calls it moves by exactly the
 * searches others made in between.
 */
export async function slapdSearchCount(): Promise<number> {
  const facts = JSON.parse(readFileSync(SERVERS_JSON, 'utf8')) as MonitorFacts;
  const monitor = facts.slapdMonitor;
  if (!monitor) throw new Error(`${SERVERS_JSON} has no slapdMonitor: provision again with scripts/directories/up.sh --fresh`);
  const client = new Client({ url: monitor.url, tlsOptions: { ca: readFileSync(facts.ca) }, timeout: 8000, connectTimeout: 3000 });
  try {
    await client.bind(monitor.bindDn, monitor.password);
    ownReads += 1; // counted by slapd as soon as it starts: before its answer, which holds it
    const { searchEntries } = await client.search(monitor.searchesDn, { scope: 'base', attributes: ['monitorOpInitiated'] });
    const value = Number(searchEntries[0]?.monitorOpInitiated);
    if (!Number.isSafeInteger(value)) throw new Error(`no monitorOpInitiated in ${monitor.searchesDn}`);
    return value - ownReads;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Runs `action` and counts the searches slapd started meanwhile (the counts' own taken off). */
export async function slapdSearchesDuring<T>(action: () => Promise<T>): Promise<{ result: T; searches: number }> {
  const before = await slapdSearchCount();
  const result = await action();
  return { result, searches: (await slapdSearchCount()) - before };
}
