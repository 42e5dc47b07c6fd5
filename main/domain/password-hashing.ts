/**
 * What a directory needs from password hashing: the one-way, slow hash of a
 * new password. The scrypt implementation (main/reset/hashing.ts) provides it;
 * the directory layer knows only this shape, so it never imports the rules.
 */
export interface PasswordHashing {
  hash(plain: string): Promise<string>;
}
