/**
 * Every temporary password through its life: which state a record is in (pure,
 * over a clock the caller gives), what an LDAP directory's own password-change
 * time says about it, and the views the pane, the follow-up list and the CLI
 * show. The record is written by the reset engine's TemporaryPasswordLog (the
 * issue, and the supersede of the one before) and by the embedded sign-in (first
 * use, the user's own change); for Active Directory and OpenLDAP the change is
 * learnt here, when the user is read.
 */
import type { DirectoryView, UserDirectory } from '../directory/directory';
import type { Stores, TemporaryPasswordRecord, TemporaryPasswordStore } from '../domain/stores';
import type {
  OpenTemporaryPasswordState,
  OutstandingTemporaryPassword,
  OutstandingTemporaryPasswords,
  TemporaryPasswordIssuer,
  TemporaryPasswordState,
  TemporaryPasswordView,
} from '../domain/temporary-passwords';
import type { DirectoryUser } from '../domain/types';
import type { TemporaryPasswordLog } from './guards';

const DAY_MS = 86_400_000;

/**
 * How much later than the issue a directory's password-change time must be to
 * be the user's own change and not the reset's own stamp. The reset writes
 * pwdChangedTime (OpenLDAP) or pwdLastSet (AD, when it does not force a change)
 * itself, a moment after `issuedAt` (read before the modify; more when a server
 * is slow or fails over), on the server's clock. Nobody types a temporary
 * password and a new one of their own in 30 s.
 */
export const RESET_STAMP_TOLERANCE_MS = 30_000;

/**
 * The state at `now`. The ends come first: a changed or superseded password
 * stays so; one whose lifetime has passed (`now >= expiresAt`, the embedded
 * sign-in's own boundary) is expired, used or not: it no longer lets anyone in.
 */
export function stateOf(record: TemporaryPasswordRecord, now: number): TemporaryPasswordState {
  if (record.changedAt !== null) return 'changed';
  if (record.supersededAt !== null) return 'superseded';
  if (record.expiresAt !== null && now >= record.expiresAt) return 'expired';
  return record.firstUsedAt !== null ? 'used' : 'outstanding';
}

/**
 * When an AD or OpenLDAP user, read just now, replaced an open temporary
 * password (the directory's change time), or null when they have not (yet).
 * While the directory still asks for a change (AD pwdLastSet=0, OpenLDAP
 * pwdReset) the temporary password is in place, whatever the time says. After
 * a reset that asked for a change, the directory no longer asking is the
 * user's change, however soon it came. After one that did not, the only sign
 * is the change time, which the reset itself also stamps: only a time clearly
 * later than the reset's own counts.
 */
export function directoryChangeTime(
  record: TemporaryPasswordRecord,
  user: Pick<DirectoryUser, 'forceChangeNextSignIn' | 'passwordLastSet'>,
): number | null {
  if (record.changedAt !== null || record.supersededAt !== null) return null;
  if (user.forceChangeNextSignIn || user.passwordLastSet === null) return null;
  const changed = Date.parse(user.passwordLastSet);
  if (!Number.isFinite(changed)) return null;
  if (record.forceChange) return changed;
  return changed > record.issuedAt + RESET_STAMP_TOLERANCE_MS ? changed : null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The directory a life is read from: its name (for the words) and whether it reports first use. */
export type LifeDirectory = Pick<UserDirectory, 'kind' | 'capabilities'>;

export function viewOf(
  record: TemporaryPasswordRecord,
  now: number,
  directory: LifeDirectory,
  issuedBy: TemporaryPasswordIssuer,
): TemporaryPasswordView {
  return {
    state: stateOf(record, now),
    issuedAt: new Date(record.issuedAt).toISOString(),
    issuedBy,
    deliveredTo: record.deliveredTo ?? 'screen',
    firstUsedAt: iso(record.firstUsedAt),
    changedAt: iso(record.changedAt),
    expiresAt: iso(record.expiresAt),
    supersededAt: iso(record.supersededAt),
    directory: directory.kind,
    firstUseReported: directory.capabilities.reportsFirstUse,
  };
}

/** The engine's port over the local file: an issue supersedes the user's open one in the same transaction. */
export function temporaryPasswordLog(store: TemporaryPasswordStore): TemporaryPasswordLog {
  return {
    async issued(entry) {
      await store.issue({
        targetId: entry.target.id,
        targetUpn: entry.target.upn,
        issuedAt: entry.issuedAt,
        issuedById: entry.issuedBy.id,
        issuedByUpn: entry.issuedBy.upn,
        expiresAt: entry.expiresAt,
        deliveredTo: entry.deliveredTo,
        forceChange: entry.forceChangeNextSignIn,
      });
    },
  };
}

/** Reads of users in parallel, a few at a time (an LDAP server answers each by its index). */
const READS_AT_ONCE = 8;
/** Pages read again after rows turned out changed (each pass closes rows, so this ends quickly). */
const MAX_PASSES = 3;

/**
 * The pane's and the follow-up view's reads, for one agent's view of the
 * directory. Reading an AD or OpenLDAP user is also when their change is
 * learnt: it is recorded then, so the next read (and the CLI) agree.
 */
export class TemporaryPasswordLife {
  readonly #local: Pick<Stores, 'temporaryPasswords' | 'clock'>;
  readonly #directory: LifeDirectory;
  readonly #view: DirectoryView;

  constructor(local: Pick<Stores, 'temporaryPasswords' | 'clock'>, directory: LifeDirectory, view: DirectoryView) {
    this.#local = local;
    this.#directory = directory;
    this.#view = view;
  }

  /** The user's latest temporary password, or null when none was issued through the app. */
  async forUser(user: DirectoryUser): Promise<TemporaryPasswordView | null> {
    const record = await this.#observe(await this.#local.temporaryPasswords.latest(user.id), user);
    if (!record) return null;
    return viewOf(record, this.#local.clock(), this.#directory, await this.#issuer(record.issuedByUpn, new Map()));
  }

  /** Those not yet replaced, oldest first, with their state (an expired one still needs a call). */
  async outstanding(page: { limit: number; offset: number }): Promise<OutstandingTemporaryPasswords> {
    const issuers = new Map<string, Promise<TemporaryPasswordIssuer>>();
    for (let pass = 1; ; pass++) {
      const records = await this.#local.temporaryPasswords.open(page);
      const users = await this.#readAll(records.map((r) => r.targetId));
      const now = this.#local.clock();
      const rows: OutstandingTemporaryPassword[] = [];
      let closed = 0;
      for (const [i, record] of records.entries()) {
        const user = users[i] ?? null;
        const seen = user ? await this.#observe(record, user) : record;
        if (!seen || seen.changedAt !== null) {
          closed++;
          continue;
        }
        rows.push({
          userId: record.targetId,
          upn: user?.upn ?? record.targetUpn,
          displayName: user?.displayName ?? null,
          state: stateOf(seen, now) as OpenTemporaryPasswordState,
          issuedAt: new Date(record.issuedAt).toISOString(),
          issuedBy: await this.#issuer(record.issuedByUpn, issuers),
          ageDays: Math.max(0, Math.floor((now - record.issuedAt) / DAY_MS)),
          expiresAt: iso(record.expiresAt),
          firstUsedAt: iso(record.firstUsedAt),
        });
      }
      // Rows closed on this pass leave gaps in the page: read it again, now without them.
      if (closed === 0 || pass === MAX_PASSES) return { rows, total: await this.#local.temporaryPasswords.countOpen() };
    }
  }

  /**
   * The record as it stands after what the directory says of the user now: only
   * where the directory does not report its sign-ins (AD and OpenLDAP); one that
   * does recorded the change as it happened.
   */
  async #observe(record: TemporaryPasswordRecord | null, user: DirectoryUser): Promise<TemporaryPasswordRecord | null> {
    if (!record || this.#directory.capabilities.reportsFirstUse) return record;
    const changedAt = directoryChangeTime(record, user);
    if (changedAt === null) return record;
    await this.#local.temporaryPasswords.markChanged(record.targetId, changedAt);
    return { ...record, changedAt };
  }

  async #readAll(ids: string[]): Promise<(DirectoryUser | null)[]> {
    const users: (DirectoryUser | null)[] = [];
    for (let i = 0; i < ids.length; i += READS_AT_ONCE) {
      const chunk = ids.slice(i, i + READS_AT_ONCE).map((id) => this.#view.getUser({ id }));
      users.push(...(await Promise.all(chunk)));
    }
    return users;
  }

  /** The agent's name as the directory has it now; their UPN alone when it cannot say. */
  #issuer(upn: string, cache: Map<string, Promise<TemporaryPasswordIssuer>>): Promise<TemporaryPasswordIssuer> {
    let found = cache.get(upn.toLowerCase());
    if (!found) {
      found = this.#view
        .getUser({ upn })
        .then((agent) => ({ upn: agent?.upn ?? upn, displayName: agent?.displayName ?? null }));
      cache.set(upn.toLowerCase(), found);
    }
    return found;
  }
}
