/**
 * Who may settle an open intent, and when (issue 16, D). An intent is written
 * just before its modify is sent; until the change can no longer land, the
 * process that sent it records the outcome itself, and a reading by anyone
 * else could see the directory before the modify reaches it. So each intent
 * carries a lease: its connection profile, the process that sent it (host and
 * pid), and the time after which the change can no longer land (settle_after:
 * what the rest of the unit may take, bounded by the profile's timeouts, plus
 * a margin).
 *
 * - Before settle_after, no other process settles it, with one exception: when
 *   its process is dead (same host, pid gone) a change that the directory
 *   already shows is recorded at once; "not changed" still waits, since the
 *   dead process's modify may yet reach the server.
 * - From settle_after on, the directory's answer settles it either way.
 * - The process that sent it may record a change it sees at once (after a lost
 *   answer, ldap-directory.ts).
 */
import { hostname } from 'node:os';
import type { IntentLease, OpenIntent } from '../../domain/stores';
import type { LdapProfile } from './profile';

/** Beyond the profile's timeouts: a server slow to apply what it received, a busy local file, clocks. */
export const LEASE_MARGIN_MS = 15_000;

/** For intents written before leases: as long as the default profile's timeouts (5 s + 2 × 10 s) and the margin. */
export const LEGACY_LEASE_MS = 25_000 + LEASE_MARGIN_MS;

export interface ProcessRef {
  host: string;
  pid: number;
}

export function thisProcess(): ProcessRef {
  return { host: hostname(), pid: process.pid };
}

/**
 * The lease of an intent written now: after it, the unit may still send the
 * modify and a second one (each within the operation timeout) and, after a
 * lost answer, read the user again on a new connection.
 */
export function leaseFor(profile: Pick<LdapProfile, 'name' | 'connectTimeoutMs' | 'timeoutMs'>, now: number, owner: ProcessRef = thisProcess()): IntentLease {
  return {
    directory: profile.name,
    ownerHost: owner.host,
    ownerPid: owner.pid,
    settleAfter: now + profile.connectTimeoutMs + 3 * profile.timeoutMs + LEASE_MARGIN_MS,
  };
}

/** Whether a process of this host runs (a process of another account counts: EPERM). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a process may record of an open intent now: either verdict, only a change seen, or nothing yet. */
export type SettleRight = 'any' | 'changed-only' | 'none';

export function settleRight(intent: OpenIntent, now: number, self: ProcessRef, alive: (pid: number) => boolean = processAlive): SettleRight {
  const lease = intent.lease;
  const settleAfter = lease?.settleAfter ?? Date.parse(intent.at) + LEGACY_LEASE_MS;
  if (now >= settleAfter) return 'any';
  // Our own pid is alive by definition: an intent of this process is in flight here (the app runs several units).
  if (lease && lease.ownerHost === self.host && lease.ownerPid !== self.pid && !alive(lease.ownerPid)) return 'changed-only';
  return 'none';
}

/** Whether an intent is this directory's to settle: its own profile's, or an older one without a profile (if the target is found). */
export function belongsTo(intent: OpenIntent, profileName: string): 'own' | 'unnamed' | 'other' {
  if (!intent.lease) return 'unnamed';
  return intent.lease.directory.toLowerCase() === profileName.toLowerCase() ? 'own' : 'other';
}
