/**
 * Settling open intents: changes sent to AD or OpenLDAP whose outcome nobody
 * recorded (the answer was lost, or the process died in between). Run at each
 * agent sign-in, as that agent (a real directory refuses anonymous reads).
 *
 * For each open intent this directory may settle (intent-lease.ts: its own
 * profile's; not while the change may still be in flight), the target is read
 * again, preferably on the server the change went to, and its change markers
 * compared with those the intent recorded (change-markers.ts). The outcome
 * names the intent, says it was settled so and by which value, and is the
 * intent's only one: a settlement that loses the race to another writer
 * records nothing.
 */
import { DomainError } from '../../domain/errors';
import type { Stores, OpenIntent } from '../../domain/stores';
import type { AuditDraft } from '../../domain/types';
import type { BindIdentity } from './connection';
import { verdictOf, type ChangeMarkers, type Verdict } from './change-markers';
import { belongsTo, settleRight, thisProcess, type ProcessRef } from './intent-lease';
import type { UserRef } from '../directory';
import type { DirectoryUser } from '../../domain/types';
import type { LdapProfile } from './profile';

/** What settling an intent reads of its target. */
export interface MarkersRead {
  user: DirectoryUser;
  markers: ChangeMarkers;
  /** The URL of the server that answered. */
  server: string;
}

/**
 * What settling needs of an LDAP directory (ldap-directory.ts's
 * LdapUserDirectory, which settles through here): its kind, its profile, and
 * reads as one identity on the servers in a given order.
 */
export interface SettlingDirectory {
  readonly kind: 'ad' | 'openldap';
  readonly profile: LdapProfile;
  asIdentity(identity: BindIdentity): { onServers(urls: string[]): { markers(ref: UserRef): Promise<MarkersRead | null> } };
}

/** What a settlement decided for one intent. */
export interface ResolvedIntent {
  intentId: number;
  changed: boolean;
}

export interface SettleOptions {
  /** This process, as leases name their owner (tests: another one). */
  self?: ProcessRef;
  /** Whether a process of this host runs (tests: a stand-in). */
  alive?: (pid: number) => boolean;
}

interface IntentFacts {
  before: ChangeMarkers | null;
  server: string | null;
}

function factsOf(detail: string | null): IntentFacts {
  try {
    const parsed = JSON.parse(detail ?? 'null') as { before?: ChangeMarkers; server?: string } | null;
    return { before: parsed?.before ?? null, server: typeof parsed?.server === 'string' ? parsed.server : null };
  } catch {
    return { before: null, server: null };
  }
}

/** The profile's servers with the one the change went to first (when it is still one of them). */
function serversFor(urls: readonly string[], server: string | null): string[] {
  return server && urls.includes(server) ? [server, ...urls.filter((u) => u !== server)] : [...urls];
}

const unreachable = (error: unknown) =>
  error instanceof DomainError && (error.code === 'DIRECTORY_UNREACHABLE' || error.code === 'DIRECTORY_CONNECTION_LOST');

/**
 * Settles what this directory may settle now; the rest stays open for a later
 * sign-in. Reads as `identity` (the agent, the service account, or an
 * administrator); a directory that cannot be reached leaves the rest open.
 */
export async function resolveOpenIntents(
  local: Stores,
  directory: SettlingDirectory,
  identity: BindIdentity,
  options: SettleOptions = {},
): Promise<ResolvedIntent[]> {
  const view = directory.asIdentity(identity);
  const profile = directory.profile;
  const self = options.self ?? thisProcess();
  const done: ResolvedIntent[] = [];
  for (const intent of await local.audit.openIntents()) {
    if (intent.action !== 'password.reset' && intent.action !== 'account.unlock') continue;
    const owner = belongsTo(intent, profile.name);
    if (owner === 'other') continue; // another directory's change: only that one can tell
    const right = settleRight(intent, local.clock(), self, options.alive);
    if (right === 'none') continue;
    const facts = factsOf(intent.detail);
    let found: MarkersRead | null;
    try {
      found = intent.targetId ? await view.onServers(serversFor(profile.urls, facts.server)).markers({ id: intent.targetId }) : null;
    } catch (error) {
      if (unreachable(error)) break;
      throw error;
    }
    if (!found) {
      // An older intent may be another directory's: one that does not hold its target never closes it.
      if (owner === 'unnamed' || right !== 'any') continue;
      if (await settle(local, intent, { changed: false, by: 'the user was not found' }, 'USER_NOT_FOUND')) done.push({ intentId: intent.id, changed: false });
      continue;
    }
    const verdict = facts.before
      ? verdictOf({
          kind: directory.kind,
          action: intent.action,
          before: facts.before,
          after: found.markers,
          sameServer: facts.server === null || facts.server === found.server,
          sentAt: Date.parse(intent.at),
        })
      : null;
    if (!verdict || (!verdict.changed && right !== 'any')) continue;
    if (await settle(local, intent, verdict, verdict.changed ? null : 'DIRECTORY_CONNECTION_LOST')) {
      done.push({ intentId: intent.id, changed: verdict.changed });
    }
  }
  return done;
}

/** Records the settled outcome; false when another writer settled the intent first (nothing written). */
async function settle(local: Stores, intent: OpenIntent, verdict: Verdict, errorCode: AuditDraft['errorCode']): Promise<boolean> {
  const standing = await local.audit.settle(
    {
      actorId: intent.actorId,
      actorUpn: intent.actorUpn,
      targetId: intent.targetId,
      targetUpn: intent.targetUpn,
      action: intent.action,
      result: verdict.changed ? 'success' : 'failure',
      errorCode,
      detail: JSON.stringify({
        resolvedAtStart: true,
        changed: verdict.changed,
        by: verdict.by,
        ...(verdict.uncertain ? { uncertain: true } : {}),
      }),
      intentId: intent.id,
    },
    local.clock(),
  );
  return standing.recorded;
}
