/**
 * The last passwords of each user as scrypt hashes (never a password), for the
 * tenant's history rule. A directory's current password is the directory's
 * own knowledge: the embedded one hands it to the check (main/reset/password-check.ts).
 */
export interface PasswordHistoryStore {
  /** Newest first, at most `limit`. */
  recent(userId: string, limit: number): Promise<string[]>;
  /** Records a hash and keeps only the newest `keep` of this user, in one unit. */
  add(userId: string, hash: string, setAt: number, keep: number): Promise<void>;
}
