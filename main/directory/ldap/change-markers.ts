/**
 * Whether a change sent to a directory landed, told after the fact from values
 * the server keeps: an intent records them before its modify, and whoever
 * settles the intent reads them again and compares (verdictOf).
 *
 * They must move on every write of the password (or the lock), not only on
 * some: AD's pwdLastSet stays 0 from one forced reset to the next, so two
 * resets in a row look like none (issue 16, B). So:
 * - AD: the replication version of unicodePwd and of lockoutTime, from
 *   replPropertyMetaData (Samba and Windows both return it, to any reader of
 *   the entry): every write adds one, and replication carries it to every DC
 *   unchanged. uSNChanged (any write to the entry, counted per DC) when the
 *   metadata cannot be read.
 * - OpenLDAP: pwdChangedTime, which ppolicy sets on every password change; it
 *   counts whole seconds only, so two changes within one second look like one,
 *   and entryCSN (any write to the entry, in microseconds) tells those apart
 *   where it can. The lock: pwdAccountLockedTime.
 */
import { bigInteger, buffer, first, generalizedTimeToMs, integer, values, type LdapEntry } from './entry';

export interface ChangeMarkers {
  /** AD pwdLastSet (FILETIME), OpenLDAP pwdChangedTime. */
  password: string | null;
  /** AD lockoutTime, OpenLDAP pwdAccountLockedTime. */
  lock: string | null;
  /** AD badPwdCount, OpenLDAP how many pwdFailureTime values. */
  failures: number;
  /** AD: the replication version of unicodePwd; absent on intents written before it was read. */
  passwordVersion?: number | null;
  /** AD: the replication version of lockoutTime. */
  lockVersion?: number | null;
  /** Moves on any write to the entry, on the server that was read (AD uSNChanged, OpenLDAP entryCSN). */
  stamp?: string | null;
}

/** The attribute ids (ATTRTYP) of unicodePwd and lockoutTime: fixed by AD's base schema prefix table (1.2.840.113556.1.4.90 / .662). */
const ATTID_UNICODE_PWD = 0x0009005a;
const ATTID_LOCKOUT_TIME = 0x00090296;

/**
 * The version of each attribute in a replPropertyMetaData value (MS-DRSR
 * REPLPROPERTYMETADATABLOB: version 1, then count entries of 48 bytes: attid,
 * version, change time, invocation id, originating and local USN). Null for a
 * value that is not that.
 */
export function replicationVersions(blob: Buffer | null): Map<number, number> | null {
  if (!blob || blob.length < 16 || blob.readUInt32LE(0) !== 1) return null;
  const count = blob.readUInt32LE(8);
  if (blob.length < 16 + count * 48) return null;
  const versions = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const at = 16 + i * 48;
    versions.set(blob.readUInt32LE(at), blob.readUInt32LE(at + 4));
  }
  return versions;
}

/** The attributes the markers need beyond a user's own (read only where a change is recorded or settled). */
export const AD_MARKER_ATTRIBUTES = ['replPropertyMetaData', 'uSNChanged'];
export const OPENLDAP_MARKER_ATTRIBUTES = ['entryCSN'];

export function adMarkers(entry: LdapEntry): ChangeMarkers {
  const versions = replicationVersions(buffer(entry, 'replPropertyMetaData'));
  return {
    password: first(entry, 'pwdLastSet'),
    lock: first(entry, 'lockoutTime'),
    failures: integer(entry, 'badPwdCount') ?? 0,
    // An entry whose password was never set has no unicodePwd metadata: version 0.
    passwordVersion: versions ? (versions.get(ATTID_UNICODE_PWD) ?? 0) : null,
    lockVersion: versions ? (versions.get(ATTID_LOCKOUT_TIME) ?? 0) : null,
    stamp: bigInteger(entry, 'uSNChanged')?.toString() ?? null,
  };
}

export function openLdapMarkers(entry: LdapEntry): ChangeMarkers {
  return {
    password: first(entry, 'pwdChangedTime'),
    lock: first(entry, 'pwdAccountLockedTime'),
    failures: values(entry, 'pwdFailureTime').length,
    stamp: first(entry, 'entryCSN'),
  };
}

/**
 * What the markers say. `uncertain`: the directory cannot tell this change
 * from another one made within the same second; counted as made, since a
 * change the audit misses is the worse mistake.
 */
export interface Verdict {
  changed: boolean;
  /** Which value told (for the audit). */
  by: string;
  uncertain?: true;
}

export interface VerdictInput {
  kind: 'ad' | 'openldap';
  action: 'password.reset' | 'account.unlock';
  before: ChangeMarkers;
  after: ChangeMarkers;
  /**
   * The values were read on the server the change was sent to. A "not
   * changed" read elsewhere may only be replication not yet done, so it
   * tells nothing.
   */
  sameServer: boolean;
  /** When the intent was written (ms, this computer's clock). */
  sentAt: number;
}

/** How far this computer's clock and a directory server's may differ, for the one check that compares them. */
export const CLOCK_SKEW_MS = 5_000;

const isNumber = (value: unknown): value is number => typeof value === 'number';
const isLocked = (lock: string | null) => lock !== null && lock !== '0';

/** The verdict, or null when these values cannot tell (a "not changed" read on another server). */
export function verdictOf(input: VerdictInput): Verdict | null {
  const verdict = input.kind === 'ad' ? adVerdict(input) : openLdapVerdict(input);
  if (!verdict.changed && !input.sameServer) return null;
  return verdict;
}

function adVerdict({ action, before, after, sameServer }: VerdictInput): Verdict {
  const reset = action === 'password.reset';
  const [was, now] = reset ? [before.passwordVersion, after.passwordVersion] : [before.lockVersion, after.lockVersion];
  const by = reset ? 'unicodePwd version' : 'lockoutTime version';
  if (isNumber(was) && isNumber(now)) return { changed: now > was, by };
  // Without the metadata (an intent from before it was read, or a reader denied it).
  if (reset) {
    if (before.password !== after.password) return { changed: true, by: 'pwdLastSet' };
    if (sameServer && before.stamp && after.stamp) {
      // Nothing at all was written to the entry; or something was, perhaps the password.
      return before.stamp === after.stamp ? { changed: false, by: 'uSNChanged' } : { changed: true, by: 'uSNChanged', uncertain: true };
    }
    // pwdLastSet 0 → 0: a forced reset over a forced reset cannot be seen in it.
    return before.password === '0' ? { changed: true, by: 'pwdLastSet', uncertain: true } : { changed: false, by: 'pwdLastSet' };
  }
  return { changed: isLocked(before.lock) && after.lock !== before.lock, by: 'lockoutTime' };
}

/** The second of a generalized time ("20261207164537Z", "20261207164537.607637Z#000000#000#000000"). */
const secondOf = (time: string | null | undefined) => time?.slice(0, 14) ?? null;

function openLdapVerdict({ action, before, after, sentAt }: VerdictInput): Verdict {
  if (action === 'account.unlock') {
    // Unlocking deletes pwdAccountLockedTime; a lock set again since has another time.
    return { changed: before.lock !== null && after.lock !== before.lock, by: 'pwdAccountLockedTime' };
  }
  const by = 'pwdChangedTime';
  if (before.password !== after.password) return { changed: true, by };
  // pwdChangedTime did not move. Our change lands after the intent: in a later second than the last
  // password change it would have moved it; only within that same second it would not.
  const lastChange = generalizedTimeToMs(before.password);
  if (lastChange === null || sentAt > lastChange + 1000 + CLOCK_SKEW_MS) return { changed: false, by };
  // The intent came within that second (or near it): entryCSN, in microseconds, tells what it can.
  // Nothing written since, or the entry's last write before the intent already in a later second: not changed.
  if (!before.stamp || !after.stamp || before.stamp === after.stamp) return { changed: false, by };
  if (secondOf(before.stamp) !== secondOf(before.password)) return { changed: false, by };
  return { changed: true, by, uncertain: true };
}
