/**
 * The reset engine's guards (main/reset/guards.ts) as the app and the CLI wire
 * them, for every directory: the caller check, the banned-password and history
 * check, and the temporary-password log all keep their state in the local
 * file, whichever directory holds the users.
 */
import type { Stores } from '../domain/stores';
import type { ResetGuards } from '../reset/guards';
import { StoredCallerCheck } from '../reset/verification/caller-check';
import { temporaryPasswordLog } from '../reset/temporary-password-life';
import { createPasswordCheck, type CurrentPasswordHash } from '../reset/password-check';
import type { PasswordHasher } from '../reset/hashing';

/**
 * The guards over the stores; `hasher` hashes the password history (the services' own);
 * `currentHash`: the directory's own current hash of a user, when it keeps one (the embedded directory).
 */
export function resetGuards(local: Stores, hasher: PasswordHasher, currentHash?: CurrentPasswordHash): ResetGuards {
  return {
    // Caller verification: the check reads the verifications the local file holds (Services.verification records them).
    callers: new StoredCallerCheck(local.verifications),
    // Each temporary password issued, recorded in the reset's own unit (the embedded file: its transaction).
    temporaryPasswords: temporaryPasswordLog(local.temporaryPasswords),
    // Banned terms (global + the tenant's list + names) and the last N passwords, whatever the directory.
    passwords: createPasswordCheck({ history: local.passwordHistory, hasher, ...(currentHash ? { currentHash } : {}) }),
  };
}
