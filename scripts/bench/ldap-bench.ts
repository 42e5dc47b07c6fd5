/**
 * Issue 10, part 5 (speed) against the real loopback Samba AD DC and slapd
 * (scripts/directories/): search over 10,000 directory users through the
 * product's own LDAP provider beside the embedded file holding the same users,
 * keystroke to painted in the Chromium target on the AD profile, and one reset
 * against AD end to end beside the bare LDAP modify. Returns its section of
 * BENCHMARKS.md; without the servers, a section that says why it was skipped.
 * Holds the server lock (test/support/server-lock.ts) while it seeds and
 * measures, so a test run never overlaps it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { initDirectory } from '../../main/app/init-directory';
import { ldapUsers } from '../../main/app/ldap-users';
import { buildServices } from '../../main/app/build-services';
import { LdapUserDirectory, type LdapAgentCredential } from '../../main/directory/ldap/ldap-directory';
import { unicodePwd } from '../../main/directory/ldap/schema';
import type { DirectoryStore } from '../../main/directory/sqlite/store';
import { Secret } from '../../main/domain/secret';
import { PasswordHasher } from '../../main/reset/hashing';
import { authenticateAgent } from '../../main/app/services';
import { lockServers } from '../../test/support/server-lock';
import { ensureDirectory } from './directories';
import { ourEngine, type SearchEngine } from './engines';
import type { TypistResult } from './keystroke';
import { PAUSE_AFTER_SIGN_IN_MS, keystrokeToPaintOnProfile } from './ldap-chromium';
import { benchProfile, ensureSeeded, reachServers, type Seeded, type ServerKind, type Servers } from './ldap-servers';
import { LIMIT, queryClasses, type QueryClass } from './queries';
import { machine } from './report';
import { ms, progress, summarize, timeQueries, type Summary } from './stats';

export const BENCH_SIZE = 10_000;
/** Keystroke to painted against the AD DC: the issue's target. */
export const TYPING_P95_LIMIT_MS = 150;

export interface LdapPlan {
  rounds: number;
  budgetMs: number;
  typingRounds: number;
  resets: number;
}

export const LDAP_PLAN: LdapPlan = { rounds: 10, budgetMs: 6_000, typingRounds: 1, resets: 30 };
export const LDAP_QUICK_PLAN: LdapPlan = { rounds: 2, budgetMs: 1_500, typingRounds: 1, resets: 5 };

type EngineName = 'embedded' | 'ad' | 'openldap';

interface Row {
  queryClass: string;
  found: Partial<Record<EngineName, number>>;
  timings: Partial<Record<EngineName, Summary>>;
}

interface ResetTimes {
  engine: Summary;
  bare: Summary;
  modifyOnly: Summary;
}

/** A local file (settings, audit) for services over a profile, as `init` makes it for a real directory. */
export async function localFile(dir: string, domain: string): Promise<DirectoryStore> {
  const { store } = await initDirectory(path.join(dir, `local-${domain}.sqlite`), { kind: 'local', tenantName: 'Resetdesk bench', domain }, { hasher: new PasswordHasher() });
  return store;
}

/**
 * The helpdesk agent's credential: signed in through the product on a profile
 * whose users DN holds the agent (the seeded OU). The product looks the agent
 * up under the profile's users DN at sign-in and before every change, so a
 * profile on the bench OU alone cannot sign this agent in; its searches only
 * need the bind, which is the credential.
 */
export async function agentCredential(servers: Servers, kind: ServerKind, store: DirectoryStore): Promise<LdapAgentCredential> {
  const side = servers[kind];
  const services = buildServices(store, ldapUsers(benchProfile(servers, kind, side.usersDn, `seeded-${kind}`)), { hasher: new PasswordHasher() });
  const actor = await authenticateAgent(services, side.users.helpdesk!, new Secret(side.userPassword));
  return actor.credential as LdapAgentCredential;
}

function providerEngine(servers: Servers, kind: ServerKind, store: DirectoryStore, credential: LdapAgentCredential, ou: string): SearchEngine {
  const directory = new LdapUserDirectory({ profile: benchProfile(servers, kind, ou), stores: store.stores }).as(credential);
  return {
    name: kind,
    async search(query, offset) {
      const { users } = await directory.searchUsers(query, { limit: LIMIT, offset });
      return users.length;
    },
    close: async () => {},
  };
}

async function searchRows(classes: QueryClass[], engines: SearchEngine[], plan: LdapPlan): Promise<Row[]> {
  const rows: Row[] = [];
  for (const queryClass of classes) {
    const row: Row = { queryClass: queryClass.name, found: {}, timings: {} };
    for (const engine of engines) {
      const name = engine.name as EngineName;
      row.found[name] = await engine.search(queryClass.queries[0]!, 0);
      row.timings[name] = summarize(await timeQueries(queryClass.queries, plan.rounds, plan.budgetMs, (q) => engine.search(q, 0)));
    }
    progress(`  ${queryClass.name}: ${engines.map((e) => `${e.name} p95 ${ms(row.timings[e.name as EngineName]!.p95)} ms`).join(', ')}`);
    rows.push(row);
  }
  return rows;
}

/** What every provider call pays before its search: connect, TLS, bind as the agent, unbind. */
async function bindCost(servers: Servers, kind: ServerKind, runs: number): Promise<Summary> {
  const side = servers[kind];
  const ca = readFileSync(servers.ca);
  const dn = kind === 'ad' ? side.users.helpdesk! : `uid=${side.users.helpdesk!.split('@')[0]},${side.usersDn}`;
  const once = async () => {
    const c = new Client({ url: side.urls[0]!, tlsOptions: { ca, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, timeout: 10_000, connectTimeout: 5000 });
    try {
      await c.bind(dn, side.userPassword);
    } finally {
      await c.unbind();
    }
  };
  await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

function randomAdPassword(): string {
  return `Bare-${randomBytes(9).toString('base64url')}-3x`;
}

/**
 * engine.resetPassword through servicesForProfile as the helpdesk agent (find
 * the target, read the domain policy and the agent's own account, intent,
 * modify, audit: one connection, one bind), then the bare change: an ldapts
 * client that connects, binds as the same agent and replaces unicodePwd on the
 * DN it already knows; and that modify alone on a connection already bound.
 */
async function resetTimes(servers: Servers, store: DirectoryStore, seeded: Seeded, runs: number): Promise<ResetTimes> {
  const side = servers.ad;
  const profile = benchProfile(servers, 'ad', side.baseDn, 'bench-ad-domain');
  const services = buildServices(store, ldapUsers(profile), { hasher: new PasswordHasher() });
  const actor = await authenticateAgent(services, side.users.helpdesk!, new Secret(side.userPassword));
  const targets = seeded.targets.map((t) => t.upn);
  const reset = async (i: number) => {
    await services.engine.resetPassword(actor, { target: { upn: targets[i % targets.length]! } });
  };
  await reset(0); // untimed: the first TLS connection
  const engine: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const t0 = performance.now();
    await reset(i);
    engine.push(performance.now() - t0);
  }

  const ca = readFileSync(servers.ca);
  const client = () => new Client({ url: side.urls[0]!, tlsOptions: { ca, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, timeout: 10_000, connectTimeout: 5000 });
  const dns: string[] = [];
  const lookup = client();
  await lookup.bind(side.users.helpdesk!, side.userPassword);
  for (const upn of targets) {
    const { searchEntries } = await lookup.search(seeded.ou, { scope: 'one', filter: `(userPrincipalName=${upn})`, attributes: ['1.1'] });
    dns.push(searchEntries[0]!.dn);
  }
  const modify = (c: Client, i: number) =>
    c.modify(dns[i % dns.length]!, [new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(randomAdPassword())] }) })]);
  const modifyOnly: number[] = [];
  await modify(lookup, 0);
  for (let i = 1; i <= runs; i++) {
    const t0 = performance.now();
    await modify(lookup, i);
    modifyOnly.push(performance.now() - t0);
  }
  await lookup.unbind();
  const bare: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const t0 = performance.now();
    const c = client();
    try {
      await c.bind(side.users.helpdesk!, side.userPassword);
      await modify(c, i);
    } finally {
      await c.unbind();
    }
    bare.push(performance.now() - t0);
  }
  return { engine: summarize(engine), bare: summarize(bare), modifyOnly: summarize(modifyOnly) };
}

function searchMarkdown(rows: Row[], engines: EngineName[]): string[] {
  const label: Record<EngineName, string> = { embedded: 'embedded', ad: 'Samba AD', openldap: 'slapd' };
  const head = ['Query class', ...engines.flatMap((e) => [`${label[e]} p50`, `${label[e]} p95`, `${label[e]} n`]), '1st query page'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const row of rows) {
    const cells = engines.flatMap((e) => {
      const t = row.timings[e];
      return t ? [ms(t.p50), ms(t.p95), String(t.n)] : ['–', '–', '–'];
    });
    lines.push(`| ${row.queryClass} | ${cells.join(' | ')} | ${engines.map((e) => row.found[e] ?? '–').join(' / ')} |`);
  }
  return lines;
}

function typingMarkdown(typists: TypistResult[]): string[] {
  const lines = ['| Typist | Gap between keys | p50 | p95 | max | n | never painted | stale paints | p95 ≤ 150 ms |', '|---|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const t of typists) {
    const met = t.latency.p95 <= TYPING_P95_LIMIT_MS && t.missing.length === 0;
    lines.push(
      `| ${t.typist} | ${t.gapMs} ms | ${ms(t.latency.p50)} | ${ms(t.latency.p95)} | ${ms(t.latency.max)} | ${t.latency.n} | ${t.missing.length}${t.missing.length ? ` (${t.missing.join(', ')})` : ''} | ${t.stale} | ${met ? 'met' : '**not met**'} |`,
    );
  }
  return lines;
}

export const SECTION_TITLE = '## Real directories: Samba AD DC and slapd on loopback, 10k users';

/** The section of BENCHMARKS.md; never throws for a missing server (the section says why). */
export async function ldapBench(cacheDir: string, plan: LdapPlan): Promise<string> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const out: string[] = [SECTION_TITLE, ''];
  const reached = await reachServers();
  if ('reason' in reached) {
    progress(`LDAP servers: skipped (${reached.reason})`);
    return [...out, `Not run: ${reached.reason}.`, ''].join('\n');
  }
  const { servers } = reached;
  const built = await ensureDirectory(cacheDir, BENCH_SIZE, 10 * 60_000);
  if (!built.built) return [...out, `Not run: the ${BENCH_SIZE} directory was not built (${built.reason}).`, ''].join('\n');

  const notes: string[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-ldap-'));
  progress('LDAP servers: waiting for the server lock (a test run may hold it)…');
  const release = await lockServers();
  const stores: DirectoryStore[] = [];
  let rows: Row[];
  let typists: TypistResult[] | null;
  let resets: ResetTimes | null;
  const seeded: Partial<Record<ServerKind, Seeded>> = {};
  const bindCosts: Partial<Record<ServerKind, Summary>> = {};
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
      progress(`${what}: failed (${message})`);
      notes.push(`${what}: not measured (${message}).`);
      return null;
    }
  };
  try {
    for (const kind of ['ad', 'openldap'] as const) seeded[kind] = await ensureSeeded(servers, kind, built.db);
    const classes = queryClasses(built.db);
    const ours = await ourEngine(built.db);
    const engines: SearchEngine[] = [{ ...ours, name: 'embedded' }];
    try {
      for (const kind of ['ad', 'openldap'] as const) {
        const store = await localFile(work, servers[kind].domain);
        stores.push(store);
        const credential = await agentCredential(servers, kind, store);
        engines.push(providerEngine(servers, kind, store, credential, seeded[kind]!.ou));
      }
      progress(`LDAP search: ${classes.length} classes, limit ${LIMIT}, offset 0, engines ${engines.map((e) => e.name).join(' + ')}`);
      rows = (await attempt('LDAP search', () => searchRows(classes, engines, plan))) ?? [];
      for (const kind of ['ad', 'openldap'] as const) {
        const cost = await attempt(`${kind} bind cost`, () => bindCost(servers, kind, 20));
        if (cost) bindCosts[kind] = cost;
      }
    } finally {
      for (const engine of engines) await engine.close();
    }
    const adDomain = benchProfile(servers, 'ad', servers.ad.baseDn, 'bench-ad');
    typists = await attempt('keystroke to painted on AD', () =>
      keystrokeToPaintOnProfile(adDomain, { upn: servers.ad.users.helpdesk!, password: servers.ad.userPassword }, plan.typingRounds),
    );
    progress(`AD reset: engine.resetPassword vs bare modify, ${plan.resets} runs each…`);
    resets = await attempt('AD reset', () => resetTimes(servers, stores[0]!, seeded.ad!, plan.resets));
  } finally {
    for (const store of stores) store.close();
    release();
    rmSync(work, { recursive: true, force: true });
  }

  const ad = seeded.ad!;
  const ol = seeded.openldap!;
  const seededLine = (s: Seeded) => `${s.users} under \`${s.ou}\`${s.seconds === null ? ' (seeded by an earlier run)' : `, seeded in ${s.seconds.toFixed(0)} s`}`;
  out.push(
    `Written by \`npm run bench\` (scripts/bench/ldap-bench.ts; alone: \`node --import tsx scripts/bench/ldap-run.ts\`) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, one run of ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s. Times in milliseconds.`,
    '',
    ...machine(),
    `- Servers: Samba AD DC at ${servers.ad.urls[0]}, OpenLDAP slapd at ${servers.openldap.urls[0]} (scripts/directories/), LDAPS with the test CA; this bench's own process is the only client while it holds the server lock`,
    `- Load average (1 min): ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end of the run`,
    `- Users: the ${BENCH_SIZE.toLocaleString('en-US')} users of \`resetdesk init --sample ${BENCH_SIZE} --seed 7\` (.bench-cache/), the same UPNs, names, mail, phones, departments and titles in the embedded file, in AD (${seededLine(ad)}) and in slapd (${seededLine(ol)})`,
    '',
    `### Search, ${BENCH_SIZE.toLocaleString('en-US')} users, per keystroke (limit ${LIMIT}, offset 0)`,
    '',
  );
  if (rows.length) out.push(...searchMarkdown(rows, ['embedded', 'ad', 'openldap']), '');
  out.push(
    '- Embedded: the cached 10k file opened as the app does (DirectoryHost, search thread), services.directory.as(null).searchUsers.',
    `- Samba AD / slapd: \`new LdapUserDirectory({ profile }).as(credential).searchUsers(query, { limit: ${LIMIT}, offset: 0 })\`, the profile's users DN the bench subtree, the credential the helpdesk agent's (${servers.ad.users.helpdesk} / ${servers.openldap.users.helpdesk}) from the product's own sign-in. As the product does for every call: a new LDAPS connection, a bind as the agent, one search with sizeLimit ${benchProfile(servers, 'ad', ad.ou).searchSizeLimit + 1}, the entries mapped and ranked, unbind; so each figure includes a TCP + TLS handshake and a bind.`,
    ...(['ad', 'openldap'] as const).flatMap((kind) => {
      const c = bindCosts[kind];
      return c ? [`- Of which connect + TLS + bind as the agent + unbind alone, ${kind === 'ad' ? 'Samba AD' : 'slapd'}: p50 ${ms(c.p50)} ms, p95 ${ms(c.p95)} ms (n ${c.n}, ldapts, no search).`] : [];
    }),
    '- "1st query page": results on the page for the class\'s first query, embedded / AD / slapd (the product matches differently on each: the embedded index folds accents and matches every word of a name, UPN or mail; the LDAP filter matches attribute prefixes, and phone digits as typed).',
    `- Per class: one untimed warm-up pass, then up to ${plan.rounds} rounds over the class's queries within ${plan.budgetMs / 1000} s per engine; p50/p95 nearest-rank.`,
    '',
    `### Keystroke to painted, Chromium target, Samba AD DC`,
    '',
  );
  if (typists) out.push(...typingMarkdown(typists), '');
  out.push(
    `- The app's main process (test/e2e/launch.ts Chromium target, DirectoryHost.open) on a local file whose active directory is an AD profile on ${servers.ad.urls[0]}; signed in as ${servers.ad.users.helpdesk} with its directory password, then the page types each name as in the 1M measurement (keystroke-page.ts), starting ${PAUSE_AFTER_SIGN_IN_MS / 1000} s after sign-in: the app reads the users into its in-memory search index meanwhile (main/app/search-cache/), and a search typed before it is ready goes to the server (the search table's Samba AD column). Target: p95 ≤ ${TYPING_P95_LIMIT_MS} ms.`,
    `- That profile's users DN is the domain (\`${servers.ad.baseDn}\`: the ${BENCH_SIZE.toLocaleString('en-US')} bench users plus the ~300 seeded ones and the built-in accounts), not the bench OU: the product finds the signed-in agent under the users DN (sign-in, and the agent's own account before each change), and the helpdesk agent lives in the seeded OU.`,
    '',
    '### One reset against AD',
    '',
  );
  if (resets) {
    const ratio = (a: number, b: number) => (a / b).toFixed(1);
    out.push(
      '| | p50 | p95 | max | n |',
      '|---|---:|---:|---:|---:|',
      `| engine.resetPassword (servicesForProfile, end to end) | ${ms(resets.engine.p50)} | ${ms(resets.engine.p95)} | ${ms(resets.engine.max)} | ${resets.engine.n} |`,
      `| bare: connect + LDAPS + bind + modify unicodePwd + unbind | ${ms(resets.bare.p50)} | ${ms(resets.bare.p95)} | ${ms(resets.bare.max)} | ${resets.bare.n} |`,
      `| bare modify alone, on a bound connection | ${ms(resets.modifyOnly.p50)} | ${ms(resets.modifyOnly.p95)} | ${ms(resets.modifyOnly.max)} | ${resets.modifyOnly.n} |`,
      '',
      `- Ratio engine ÷ bare (connect + bind + modify): p50 ${ratio(resets.engine.p50, resets.bare.p50)}×, p95 ${ratio(resets.engine.p95, resets.bare.p95)}×; engine ÷ modify alone: p50 ${ratio(resets.engine.p50, resets.modifyOnly.p50)}×.`,
      `- engine.resetPassword as ${servers.ad.users.helpdesk} (signed in through the product, profile users DN the domain, see above) on ${ad.targets.length} bench users in turn (the only bench users with a password; the bench OU carries the seeded OU's helpdesk delegation), a generated temporary password, must change at next sign-in: one LDAPS connection and bind, the target and the agent's own account read, the domain policy read, the intent and the audit written to the local file, one modify (unicodePwd + pwdLastSet 0). One untimed warm-up each.`,
      '- Bare: ldapts Client, the same agent, the same users (DNs looked up once beforehand), a random password, replace unicodePwd only.',
      '',
    );
  }
  if (notes.length) out.push(...notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
