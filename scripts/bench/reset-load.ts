/**
 * What a reset costs beside its scrypt hash, and whether the event loop stays
 * responsive while resets and searches run together. Runs on a copy of the
 * directory (resets write hashes and audit events; the cached file must stay
 * as built, it keys the slapd cache).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { PasswordHasher } from '../../main/reset/hashing';
import { Secret } from '../../main/domain/secret';
import { authenticateAgent } from '../../main/app/services';
import { openAsTheApp } from './app-directory';
import type { AgentAccount } from './directories';
import { LIMIT } from './queries';
import { progress, summarize } from './stats';

const AGENT = 'helpdesk.admin@contoso.com';
export const CONCURRENT_RESETS = 20;
const SEARCH_EVERY_MS = 50;

export interface ResetLoadResult {
  bareScryptMs: number;
  resetMs: number;
  /** (reset - scrypt) / scrypt, in percent. */
  overheadPercent: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  searchesDuringLoad: number;
  /** Searches answered "superseded" (replaced by a newer one before they ran). */
  searchesDropped: number;
  searchP95DuringLoadMs: number;
  loadSeconds: number;
}

/** Plain cloud members with no admin role: a Helpdesk Administrator may reset them. */
function resettableUpns(dbPath: string, count: number): string[] {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT upn FROM users u
         WHERE source = 'cloud' AND user_type = 'member' AND domain = 'contoso.com' AND admin_count = 0
           AND account_enabled = 1 AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_rowid = u.rowid)
         ORDER BY rowid LIMIT ? OFFSET 1000`,
      )
      .all(count) as { upn: string }[];
    return rows.map((r) => r.upn);
  } finally {
    db.close();
  }
}

export async function resetLoad(dbPath: string, accounts: AgentAccount[], repeats: number, typical: string[]): Promise<ResetLoadResult> {
  const agent = accounts.find((a) => a.upn === AGENT);
  if (!agent) throw new Error(`${AGENT} is not in the accounts file`);
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-reset-'));
  const copy = path.join(work, 'directory.sqlite');
  progress('resets: copying the directory (resets write to it)…');
  let app: Awaited<ReturnType<typeof openAsTheApp>> | null = null;
  try {
    copyFileSync(dbPath, copy);
    const targets = resettableUpns(copy, repeats + CONCURRENT_RESETS);
    const hasher = new PasswordHasher();
    app = await openAsTheApp(copy, hasher);
    const { services } = app;
    const actor = await authenticateAgent(services, agent.upn, new Secret(agent.password));

    progress(`resets: bare scrypt vs one reset end to end, ${repeats} each…`);
    const bare: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const secret = new Secret(`Bench-${i}-${Math.random().toString(36).slice(2)}`);
      let t0 = performance.now();
      await hasher.hash(secret.reveal());
      bare.push(performance.now() - t0);
      t0 = performance.now();
      await services.engine.resetPassword(actor, { target: { upn: targets[i]! } });
      full.push(performance.now() - t0);
    }
    const bareScryptMs = summarize(bare).p50;
    const resetMs = summarize(full).p50;

    progress(`resets: ${CONCURRENT_RESETS} resets at once with a search every ${SEARCH_EVERY_MS} ms…`);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    const searchTimes: number[] = [];
    let next = 0;
    let superseded = 0;
    const ticker = setInterval(() => {
      const t0 = performance.now();
      void services.directory.as(null)
        .searchUsers(typical[next++ % typical.length]!, { limit: LIMIT, offset: 0 })
        .then(
          () => searchTimes.push(performance.now() - t0),
          () => superseded++, // the search thread drops a waiting search a newer one replaced
        );
    }, SEARCH_EVERY_MS);
    const t0 = performance.now();
    delay.enable();
    try {
      const batch = targets.slice(repeats, repeats + CONCURRENT_RESETS);
      await Promise.all(batch.map((upn) => services.engine.resetPassword(actor, { target: { upn } })));
    } finally {
      delay.disable();
      clearInterval(ticker);
    }
    return {
      bareScryptMs,
      resetMs,
      overheadPercent: ((resetMs - bareScryptMs) / bareScryptMs) * 100,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
      searchesDuringLoad: searchTimes.length,
      searchesDropped: superseded,
      searchP95DuringLoadMs: summarize(searchTimes).p95,
      loadSeconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
