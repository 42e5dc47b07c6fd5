/**
 * The store ports (main/domain/stores) over the local SQLite file: one adapter
 * of them, the one every directory uses today. The repos hold the SQL and run
 * synchronously on the file's one connection; this file decides which
 * transaction each call runs in:
 *
 * - a read runs at once (a statement is its own snapshot);
 * - a write called from the open unit's own work (an embedded reset issuing
 *   its temporary password) joins that unit and commits or rolls back with it;
 * - a write beside an open unit (another caller's continuation while the unit
 *   awaits a step) waits its turn in the queue as a unit of its own, so it
 *   never slips into a transaction that is not its own;
 * - a unit (a verification's read-decide-write, a tenant change and its audit)
 *   is one IMMEDIATE transaction, queued, holding the write lock between
 *   processes on the file from its first read to its commit.
 */
import type { AuditFilter, Stores, VerificationUnit } from '../../domain/stores';
import type { AuditEvent } from '../../domain/types';
import type { Clock } from '../../domain/clock';
import type { AuditRepo } from './audit-repo';
import { verifyAuditChain, type StoredChainLink } from '../../domain/audit-chain';
import { sha256Hex } from './audit-chain-sqlite';
import type { TenantRepo } from './tenant-repo';
import type { ProfilesRepo } from './profiles-repo';
import type { AppSettingsRepo } from './app-settings-repo';
import type { OutboxRepo } from './outbox-repo';
import type { TemporaryPasswordsRepo } from './temporary-passwords-repo';
import type { VerificationsRepo } from './verifications-repo';
import type { PasswordHistoryRepo } from './password-history-repo';

/** The repos the ports read and write (DirectoryStore's). */
export interface SqliteRepos {
  readonly tenant: TenantRepo;
  readonly audit: AuditRepo;
  readonly profiles: ProfilesRepo;
  readonly appSettings: AppSettingsRepo;
  readonly temporaryPasswords: TemporaryPasswordsRepo;
  readonly verifications: VerificationsRepo;
  readonly passwordHistory: PasswordHistoryRepo;
  readonly outbox: OutboxRepo;
}

/** The file's transactions (DirectoryStore's): see the header for which one a call gets. */
export interface SqliteUnits {
  /** A queued IMMEDIATE transaction around asynchronous work; joined when called from the open unit's own work. */
  transactAsync<T>(work: () => Promise<T>): Promise<T>;
  /** One write: joins the open unit from inside it, queued beside it, its own transaction when none is open. */
  write<T>(work: () => T): Promise<T>;
  /** True when the caller is the open unit's own work. */
  insideUnit(): boolean;
}

/** How many events an export reads at a time: each batch is one short statement. */
export const AUDIT_BATCH = 500;

/** A synchronous step as the ports answer it: its failure is a rejection, never a throw. */
const answer = <T>(work: () => T): Promise<T> => new Promise<T>((resolve) => resolve(work()));

export function sqliteStores(file: { clock: Clock; repos: SqliteRepos; units: SqliteUnits; close: () => Promise<void> }): Stores {
  const { clock, repos, units } = file;
  const { write } = units;
  return {
    clock,
    tenant: { get: () => answer(() => repos.tenant.get()) },
    audit: {
      append: (draft, at) => write(() => repos.audit.append(draft, at)),
      list: (query) => answer(() => repos.audit.list(query)),
      count: (filter, cap) => answer(() => repos.audit.count(filter, cap)),
      each: (filter) => auditBatches(repos.audit, filter),
      intend: (draft, at, lease) => {
        if (units.insideUnit()) return Promise.reject(new Error('an intent is recorded before the remote change, outside any unit'));
        return write(() => repos.audit.intend(draft, at, lease));
      },
      // The file refuses a second outcome for one intent (audit_outcomes); settle then answers the one that stands.
      settle: (draft, at) => write(() => repos.audit.settle(draft, at)),
      openIntents: () => answer(() => repos.audit.openIntents()),
      verifyChain: async () => {
        // The head first: events appended while the walk goes on are past it and not walked.
        const head = repos.audit.head();
        const report = await verifyAuditChain(chainBatches(repos.audit, head?.seq ?? 0), sha256Hex, head);
        const unchained = report.broken ? null : repos.audit.unchained();
        return unchained === null ? report : { ...report, broken: { seq: report.checked + 1, why: 'unchained', eventId: unchained } };
      },
    },
    profiles: {
      list: () => answer(() => repos.profiles.list()),
      get: (name) => answer(() => repos.profiles.get(name)),
      add: (profile, now) => write(() => repos.profiles.add(profile, now)),
      replace: (profile, now) => write(() => repos.profiles.replace(profile, now)),
      remove: (name) => write(() => repos.profiles.remove(name)),
      active: () => answer(() => repos.profiles.active()),
      setActive: (name) => write(() => repos.profiles.setActive(name)),
    },
    passwordHistory: {
      recent: (userId, limit) => answer(() => repos.passwordHistory.recent(userId, limit)),
      // The insert and the prune commit together.
      add: (userId, hash, setAt, keep) => write(() => repos.passwordHistory.add(userId, hash, setAt, keep)),
    },
    appSettings: {
      get: (key) => answer(() => repos.appSettings.get(key)),
      set: (key, value) => write(() => repos.appSettings.set(key, value)),
    },
    outbox: {
      // A message arrives whenever a sender sends, whatever unit is open: its own unit, queued.
      add: (record, bound) => write(() => repos.outbox.add(record, bound)),
      list: (bound) => answer(() => repos.outbox.list(bound)),
    },
    temporaryPasswords: {
      // From the embedded reset's own unit it joins it: the reset, its audit and this row commit together.
      issue: (entry) => write(() => repos.temporaryPasswords.issue(entry)),
      latest: (targetId) => answer(() => repos.temporaryPasswords.latest(targetId)),
      open: (page) => answer(() => repos.temporaryPasswords.open(page)),
      countOpen: () => answer(() => repos.temporaryPasswords.countOpen()),
      openTargetIds: (max) => answer(() => repos.temporaryPasswords.openTargetIds(max)),
      markFirstUse: (targetId, at) => write(() => repos.temporaryPasswords.markFirstUse(targetId, at)),
      markChanged: (targetId, at) => write(() => repos.temporaryPasswords.markChanged(targetId, at)),
    },
    verifications: {
      latest: (agentId, targetId, method) => answer(() => repos.verifications.latest(agentId, targetId, method)),
      verifiedSince: (agentId, targetId, since) => answer(() => repos.verifications.verifiedSince(agentId, targetId, since)),
      lastTotpSuccess: (targetId) => answer(() => repos.verifications.lastTotpSuccess(targetId)),
      sentSince: (targetId, method, since) => answer(() => repos.verifications.sentSince(targetId, method, since)),
      // A unit of its own, queued: a check's reads, its state change and its audit commit together.
      unit: (work) => units.transactAsync(() => work(verificationUnit(repos, clock))),
      // The IMMEDIATE transaction is the lock; it always commits, and the work's own failure is thrown after.
      serialise: async (work) => {
        const settled = await units.transactAsync(() => work().then((value) => ({ value }), (error: unknown) => ({ error })));
        if ('error' in settled) throw settled.error;
        return settled.value;
      },
    },
    updateTenant: (update, audit) =>
      units.transactAsync(async () => {
        const now = clock();
        repos.audit.append(audit, now);
        repos.tenant.update(update, now);
      }),
    close: file.close,
  };
}

/** The steps of one verification unit: each runs at once inside the unit's transaction. */
function verificationUnit(repos: SqliteRepos, clock: Clock): VerificationUnit {
  const repo = repos.verifications;
  return {
    now: clock(),
    latest: (a, t, m) => answer(() => repo.latest(a, t, m)),
    verifiedSince: (a, t, since) => answer(() => repo.verifiedSince(a, t, since)),
    lastTotpSuccess: (t) => answer(() => repo.lastTotpSuccess(t)),
    sentSince: (t, m, since) => answer(() => repo.sentSince(t, m, since)),
    supersede: (a, t, m) => answer(() => repo.supersede(a, t, m)),
    insert: (challenge) => answer(() => repo.insert(challenge)),
    update: (id, change) => answer(() => repo.update(id, change)),
    withdraw: (id) => answer(() => repo.withdraw(id)),
    audit: (draft) => answer(() => repos.audit.append(draft, clock())),
  };
}

/** The export: batch after batch by key, newest first; nothing of the file stays open while the reader awaits. */
/** The chain's links up to `upTo`, a batch at a time: no statement stays open while the walk awaits. */
async function* chainBatches(audit: AuditRepo, upTo: number): AsyncGenerator<StoredChainLink> {
  let after = 0;
  while (after < upTo) {
    const batch = audit.links(after, upTo, CHAIN_BATCH);
    if (batch.length === 0) return;
    yield* batch;
    after = batch.at(-1)!.seq;
  }
}

const CHAIN_BATCH = 1000;

async function* auditBatches(audit: AuditRepo, filter: AuditFilter): AsyncGenerator<AuditEvent> {
  let after: { at: number; id: number } | null = null;
  for (;;) {
    const batch = audit.batch(filter, after, AUDIT_BATCH);
    yield* batch;
    const last = batch.at(-1);
    if (!last || batch.length < AUDIT_BATCH) return;
    after = { at: Date.parse(last.at), id: last.id };
  }
}
