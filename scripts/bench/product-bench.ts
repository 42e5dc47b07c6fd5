/**
 * The bench slapd the product reads, at a size, in one call: the cached bench
 * directory file (directories.ts), its users in the product slapd
 * (product-slapd.ts, slapadd cached), the server started, and what proves the
 * product can use it (the agent signed in through the product, a page listed,
 * everyone counted by a paged read as the agent). And the server's own search
 * per query class at that size, for the replica's figures to stand beside.
 */
import { Client } from 'ldapts';
import { readFileSync } from 'node:fs';
import { ensureDirectory, sizeLabel } from './directories';
import { BASE_DN } from './ldif';
import { firstPage, signInAgent } from './product-agent';
import { ensureProductSlapd, startProductSlapd, type ProductSlapdData, type RunningProductSlapd } from './product-slapd';
import { queryClasses, type QueryClass } from './queries';
import { serverSearchTimes, type SearchPlan, type ServerSearchRow } from './server-search';
import { progress } from './stats';

const MINUTE = 60_000;

export interface ProductSlapdAt {
  size: number;
  label: string;
  /** The bench directory file holding the same users (the embedded side of a comparison). */
  directoryFile: string;
  data: ProductSlapdData;
  slapd: RunningProductSlapd;
  /** queries.ts's classes, from this size's users. */
  classes: QueryClass[];
}

/**
 * A running product slapd with `size` users (100_000 or 1_000_000): builds the
 * directory file and loads slapd when not cached (1M: minutes). The caller
 * stops it (`slapd.stop()`). `writable`: on a copy of the mdb, for changes.
 */
export async function openProductSlapd(cacheDir: string, size: number, options: { writable?: boolean } = {}): Promise<ProductSlapdAt> {
  const label = sizeLabel(size);
  const big = size >= 1_000_000;
  const built = await ensureDirectory(cacheDir, size, (big ? 60 : 10) * MINUTE);
  if (!built.built) throw new Error(`the ${label} directory was not built: ${built.reason}`);
  const data = await ensureProductSlapd(cacheDir, label, built.db, (big ? 60 : 10) * MINUTE);
  const slapd = await startProductSlapd(data, options);
  return { size, label, directoryFile: built.db, data, slapd, classes: queryClasses(built.db) };
}

export interface ProfileProof {
  agent: string;
  roles: readonly string[];
  /** Everyone by name: the page's UPNs, and the total as the product counts it. */
  everyone: { upns: string[]; total: string; ms: number };
  /** A typed prefix ("al"): how many on the page. */
  typed: { query: string; users: number; ms: number };
  /** Every inetOrgPerson under the base, by a paged read bound as the agent (past the server's size limit of 500). */
  pagedCount: { entries: number; seconds: number };
}

/** Entries a paged read as `dn` finds under the base (attributes 1.1: only the count). */
export async function pagedCount(slapd: RunningProductSlapd, dn: string, password: string): Promise<number> {
  const client = new Client({ url: slapd.url, tlsOptions: { ca: readFileSync(slapd.ca), rejectUnauthorized: true }, timeout: 10 * MINUTE });
  try {
    await client.bind(dn, password);
    let entries = 0;
    for await (const page of client.searchPaginated(BASE_DN, { scope: 'sub', filter: '(objectClass=inetOrgPerson)', attributes: ['1.1'], paged: { pageSize: 1000 } })) {
      entries += page.searchEntries.length;
    }
    return entries;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Signs the agent in through the product and lists what the profile shows; throws if the profile does not work. */
export async function proveProfile(slapd: RunningProductSlapd): Promise<ProfileProof> {
  const agent = await signInAgent(slapd);
  try {
    let t0 = performance.now();
    const everyone = await firstPage(agent, '');
    const everyoneMs = performance.now() - t0;
    t0 = performance.now();
    const typed = await firstPage(agent, 'al');
    const typedMs = performance.now() - t0;
    t0 = performance.now();
    const entries = await pagedCount(slapd, slapd.agent.dn, slapd.agent.password);
    const proof: ProfileProof = {
      agent: agent.actor.upn,
      roles: agent.actor.roles,
      everyone: { upns: everyone.users.map((u) => u.upn), total: `${everyone.total.exact ? '' : 'more than '}${everyone.total.count}`, ms: everyoneMs },
      typed: { query: 'al', users: typed.users.length, ms: typedMs },
      pagedCount: { entries, seconds: (performance.now() - t0) / 1000 },
    };
    progress(`signed in as ${proof.agent} (${proof.roles.join(', ')}); everyone: ${proof.everyone.upns.length} on the page, total ${proof.everyone.total}; paged read as the agent: ${entries} entries`);
    return proof;
  } finally {
    agent.close();
  }
}

export interface ServerSearchAt {
  label: string;
  users: number;
  /** slapadd (with the LDIF export) of this size, and whether it was cached from an earlier run. */
  load: { seconds: number | null; cached: boolean };
  rows: ServerSearchRow[];
}

/** The server's own search per query class at `size`, through the provider as the signed-in agent; slapd started and stopped here. */
export async function serverSearchAt(cacheDir: string, size: number, plan: SearchPlan): Promise<ServerSearchAt> {
  const at = await openProductSlapd(cacheDir, size);
  try {
    const agent = await signInAgent(at.slapd);
    try {
      progress(`server search ${at.label}: ${at.classes.length} classes, offsets 0 and 100`);
      const rows = await serverSearchTimes(agent.directory, at.classes, plan);
      return { label: at.label, users: at.data.entries, load: { seconds: at.data.loadSeconds, cached: at.data.cached }, rows };
    } finally {
      agent.close();
    }
  } finally {
    await at.slapd.stop();
  }
}
