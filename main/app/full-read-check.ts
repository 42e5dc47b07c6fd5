/**
 * `directory test`'s check that the server lets the replica's bind page
 * through every user, as a full read of the local replica must (issue 18).
 * One bounded read: the feed's cheapest paged read (ids only), stopped after
 * FULL_READ_CHECK_USERS ids, so a test never reads a million users. A server
 * that stops a paged read at or below that (slapd's default size limit is
 * 500) is reported with DIRECTORY_READ_LIMITED's words and the setting to
 * change, as the feed gives them; a limit above it shows at the first sync.
 */
import type { AgentCredential, ReplicaBind, UserDirectory } from '../directory/directory';
import type { ReplicaFeed } from '../directory/replica-feed';
import { DomainError } from '../domain/errors';

/** Ids read before the check stops: past every size limit commonly configured (500, 1,000, 2,000, 5,000). */
export const FULL_READ_CHECK_USERS = 10_000;

/** Thrown from the page callback to stop the read once enough is seen (not a DomainError: the session passes it through). */
class Enough extends Error {}

const count = (n: number) => n.toLocaleString('en-US');

export interface FullReadCheck {
  ok: boolean;
  detail: string;
}

/** Pages through the ids the feed reads, up to `limit`; closes the feed. */
export async function checkFullRead(feed: ReplicaFeed, limit = FULL_READ_CHECK_USERS): Promise<FullReadCheck> {
  let seen = 0;
  try {
    await feed.readIds(async (ids) => {
      seen += ids.length;
      if (seen >= limit) throw new Enough();
    });
    return { ok: true, detail: `all ${count(seen)} users, page by page` };
  } catch (error) {
    if (error instanceof Enough) {
      return { ok: true, detail: `the first ${count(seen)} users page by page, no limit met (the first directory sync reads the rest)` };
    }
    if (error instanceof DomainError) return { ok: false, detail: error.message };
    throw error;
  } finally {
    await feed.close().catch(() => undefined);
  }
}

/**
 * The check bound as the replica's sync would bind (the service account, or
 * this agent: the provider declares it); a directory that keeps no replica
 * has nothing to check (null).
 */
export async function fullReadCheck(
  directory: Pick<UserDirectory, 'replicaSource'>,
  agent: AgentCredential | null,
  openFeed: (bind: ReplicaBind) => ReplicaFeed,
): Promise<FullReadCheck | null> {
  let bind: ReplicaBind | null;
  try {
    bind = (await directory.replicaSource?.(agent)) ?? null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ok: false, detail: error.message };
  }
  return bind ? checkFullRead(openFeed(bind)) : null;
}
