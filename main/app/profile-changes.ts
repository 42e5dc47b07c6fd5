/**
 * Who may add, change or remove a connection profile, or switch the directory
 * in use, for both front ends (the Directories screen, `resetdesk directory`).
 *
 * A profile decides who is who: its role groups make an agent a Global
 * Administrator, and the directory in use is where every agent signs in. So a
 * change is a Global Administrator's, asked of a directory the local file
 * trusts now: the one in use, or, to change or remove a profile, that profile
 * as it is stored. Never the new profile's own role mapping: whoever could
 * write that mapping could make themselves anything. Switching is as strong
 * as editing: decided by the directory in use, or by the stored profile
 * switched to.
 *
 * The exceptions are where nobody exists to ask: the first profile of a fresh
 * file (no profile, no audit event yet), as the first run makes it, and a
 * profile an older version stored that can never be used (strandedBy).
 *
 * Every attempt, allowed or refused, leaves one `directory.update` event.
 */
import { DomainError } from '../domain/errors';
import type { Stores } from '../domain/stores';
import { ROLES } from '../domain/roles';
import { agentAccountRefusal } from '../reset/agent-account';
import type { Actor } from '../reset/engine';
import { readOwnAccount, type Services } from './services';

export type ProfileChange =
  /** `use`: and make it the directory in use (the CLI's add --use), decided as one change. */
  | { op: 'add'; name: string; use?: boolean }
  | { op: 'change'; name: string }
  | { op: 'remove'; name: string }
  /** null: the embedded directory. */
  | { op: 'use'; name: string | null };

/** The agent asking, and the directory they signed in to (null: the embedded one). */
export interface ProfileChanger {
  services: Services;
  actor: Actor;
  signedInTo: string | null;
}

export interface ProfileChangeOptions {
  /** The directory agents sign in to now (null: the embedded one). */
  inUse: string | null;
  /** Signs the agent in, when the change needs one; null: nobody said who they are (the CLI without --as). */
  signIn(): Promise<ProfileChanger | null>;
  /**
   * Whether a stored profile can never be used as it is (an ldap:// one without
   * StartTLS, stored by an older version): nobody can sign in to it, so nobody
   * could be asked about it.
   */
  unusable?(name: string): Promise<boolean>;
}

const same = (a: string | null, b: string | null) => (a === null || b === null ? a === b : a.toLowerCase() === b.toLowerCase());
const nameOf = (directory: string | null) => (directory === null ? 'the embedded directory' : directory);

/** A profile cannot be removed while agents sign in to it: the directory in use changes first. */
export function removingInUse(name: string, inUse: string | null): DomainError | null {
  return same(name, inUse) ? new DomainError('INVALID_INPUT', 'That connection is the directory in use: switch to another first.') : null;
}

/** No profile and nothing audited yet: a file just made, whose first profile nobody can be asked about. */
export async function isFreshFile(local: Stores): Promise<boolean> {
  return (await local.profiles.list()).length === 0 && (await local.audit.count({}, 1)) === 0;
}

/**
 * The directories whose Global Administrators may make this change: the one in
 * use, and for a change, a removal or a switch, the stored profile it names
 * (stored by a Global Administrator, and not changed by this: a switch back
 * to a directory must not need one of the directory switched away to, or a
 * switch to an empty embedded directory would leave nobody able to undo it).
 */
function trustedFor(change: ProfileChange, inUse: string | null): (string | null)[] {
  return change.op === 'add' ? [inUse] : [inUse, change.name];
}

/** Who asks, where they signed in, and the roles the directory holds for them now. */
export interface ChangerFacts {
  upn: string;
  signedInTo: string | null;
  roles: readonly string[];
}

/** The agent signed in somewhere this change cannot trust (asked before the directory is). */
function placeRefusal(change: ProfileChange, inUse: string | null, who: Omit<ChangerFacts, 'roles'>): DomainError | null {
  if (trustedFor(change, inUse).some((trusted) => same(trusted, who.signedInTo))) return null;
  return new DomainError('CONNECTION_CHANGE_REFUSED', `${who.upn} signed in to ${nameOf(who.signedInTo)}; the directory in use is ${nameOf(inUse)}.`);
}

/**
 * Whether these roles make the agent a Global Administrator where they signed
 * in, or why not. In the app the agent always signs in to the directory in
 * use, which every change trusts, so this alone decides every change there,
 * the same for each profile: the Directories screen is told it
 * (listDirectories), so it offers only what Save would do, in the same words.
 */
export function connectionRoleRefusal(who: ChangerFacts): DomainError | null {
  if (who.roles.includes(ROLES.globalAdministrator)) return null;
  const holds = who.roles.length > 0 ? `holds ${who.roles.join(', ')}` : 'holds no admin role';
  return new DomainError('CONNECTION_CHANGE_REFUSED', `${who.upn}, signed in to ${nameOf(who.signedInTo)}, ${holds} there.`);
}

/**
 * Whether the agent's own account can still act and holds Global
 * Administrator where they signed in, asked of that directory now: for a
 * change, and for testing a connection (which signs in to a candidate).
 */
export async function connectionAdministratorRefusal(who: ProfileChanger): Promise<DomainError | null> {
  const account = await readOwnAccount(who.services, who.actor);
  return (
    agentAccountRefusal(who.actor.roles, account) ??
    connectionRoleRefusal({ upn: who.actor.upn, signedInTo: who.signedInTo, roles: account?.roles ?? [] })
  );
}

async function refusalFor(change: ProfileChange, inUse: string | null, who: ProfileChanger | null): Promise<DomainError | null> {
  if (!who) {
    return new DomainError('NOT_SIGNED_IN', `Changing directory connections needs a Global Administrator of ${nameOf(inUse)} (--as AGENT).`);
  }
  return placeRefusal(change, inUse, { upn: who.actor.upn, signedInTo: who.signedInTo }) ?? (await connectionAdministratorRefusal(who));
}

/**
 * Decides, audits once, and applies the change when allowed. A refusal, and an
 * error of `apply` itself (a name already taken, the profile in use), is
 * audited as a failure with its code and thrown.
 */
export async function changeProfiles(
  local: Stores,
  change: ProfileChange,
  options: ProfileChangeOptions,
  apply: () => void | Promise<void>,
): Promise<void> {
  // Asked before anyone signs in: a sign-in is audited, and the file would no longer be fresh.
  const first = change.op === 'add' && (await isFreshFile(local));
  const stranded = await strandedBy(change, options);
  let who: ProfileChanger | null = null;
  try {
    if (!first && !stranded) {
      who = await options.signIn();
      const refusal = await refusalFor(change, options.inUse, who);
      if (refusal) throw refusal;
    }
    await apply();
  } catch (error) {
    try {
      await record(local, change, who, first, error instanceof DomainError ? error.code : 'INTERNAL', stranded);
    } catch {
      // The audit could not be written either (a full disk): the first error says more.
    }
    throw error;
  }
  await record(local, change, who, first, null, stranded);
}

/**
 * A change nobody can be asked about, like the first profile's: removing a
 * profile that can never be used (it grants nobody anything), or switching
 * away from a directory in use that can never be used (nobody can sign in to
 * it: the file would stay stranded). The switch still goes only to a stored
 * profile or the file's own users. The audit says so.
 */
async function strandedBy(change: ProfileChange, options: ProfileChangeOptions): Promise<boolean> {
  if (!options.unusable) return false;
  if (change.op === 'remove') return options.unusable(change.name);
  return change.op === 'use' && options.inUse !== null && (await options.unusable(options.inUse));
}

const DETAIL_KEY: Record<ProfileChange['op'], string> = { add: 'added', change: 'replaced', remove: 'removed', use: 'used' };

function record(local: Stores, change: ProfileChange, who: ProfileChanger | null, first: boolean, errorCode: string | null, stranded: boolean): Promise<void> {
  return local.audit.append(
    {
      actorId: who?.actor.id ?? null,
      actorUpn: who?.actor.upn ?? null,
      targetId: null,
      targetUpn: null,
      action: 'directory.update',
      result: errorCode === null ? 'success' : 'failure',
      errorCode,
      detail: JSON.stringify({
        [DETAIL_KEY[change.op]]: nameOf(change.name),
        ...(change.op === 'add' && change.use ? { used: change.name } : {}),
        ...(who ? { signedInTo: nameOf(who.signedInTo) } : {}),
        ...(first ? { firstProfile: true } : {}),
        ...(stranded ? { unusableProfile: true } : {}),
      }),
    },
    local.clock(),
  );
}
