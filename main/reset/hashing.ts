/**
 * Password storage with scrypt, at the OWASP Password Storage Cheat Sheet's
 * N=2^17, r=8, p=1. Argon2id would be the other OWASP
 * choice, but Node's crypto.argon2 needs OpenSSL >= 3.2 and Electron ships
 * BoringSSL, so scrypt is what works in both the CLI and the app.
 *
 * Always the callback form of crypto.scrypt: it runs on the libuv thread pool,
 * so a hash (a few hundred milliseconds and 128 MiB) never freezes the UI or
 * the IPC handlers. scryptSync would.
 *
 * Stored as a PHC-style string that carries its own parameters:
 *   $scrypt$ln=17,r=8,p=1$<salt, base64 without padding>$<key, same>
 * so hashes written with older parameters keep verifying after the defaults
 * change, and `needsRehash` tells the caller to upgrade them on the next
 * successful sign-in.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  logN: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

export const OWASP_SCRYPT: Readonly<ScryptParams> = { logN: 17, r: 8, p: 1 };

export interface VerifyResult {
  ok: boolean;
  /**
   * True only when the password is right AND the stored hash uses other
   * parameters (or salt/key sizes) than this hasher: only then does the caller
   * hold a correct plaintext to hash again.
   */
  needsRehash: boolean;
  /**
   * The key derived for this attempt, base64 without padding. The same password
   * against the same stored hash gives the same digest, so the lockout code can
   * notice a repeated wrong password by remembering digests. It costs as much
   * to attack as the stored hash itself, so remembering it weakens nothing.
   */
  attemptDigest: string;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/**
 * scrypt needs about 128 * N * r bytes (128 MiB for OWASP); Node's default
 * limit is 32 MiB. 256 MiB leaves headroom and is also the ceiling for stored
 * hashes: a tampered hash asking for gigabytes is refused rather than tried.
 */
const MAX_MEMORY = 256 * 1024 * 1024;
/**
 * Shortest salt and key a stored hash may have. The key floor is a security
 * check: a truncated key (say 2 bytes) would accept one wrong password in
 * 65,536. 8-byte salts are the floor of NIST SP 800-132 (which asks for 128
 * bits for new hashes, as hash() writes) so RFC 7914's vectors still parse.
 */
const MIN_SALT_BYTES = 8;
const MIN_KEY_BYTES = 16;
const NOTHING_LABEL = 'resetdesk/scrypt/verify-against-nothing/v1\0';

/** Strict shape: decimal parameters without leading zeros, unpadded base64. */
const PHC = /^\$scrypt\$ln=([1-9]\d?),r=([1-9]\d{0,2}),p=([1-9]\d{0,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64').replace(/=+$/, '');
}

/** Decodes unpadded base64, refusing anything that would not re-encode the same. */
function fromB64(text: string): Buffer | null {
  const buffer = Buffer.from(text, 'base64');
  return b64(buffer) === text ? buffer : null;
}

/**
 * What the crypto library checks against maxmem: V (128 * r * N) plus the
 * p blocks of B and scratch space. OpenSSL counts 128 * r * (N + p + 2),
 * BoringSSL a little less; the larger one decides.
 */
function memoryFor(params: ScryptParams): number {
  return 128 * params.r * (2 ** params.logN + params.p + 2);
}

function validParams(params: ScryptParams): boolean {
  const { logN, r, p } = params;
  return (
    [logN, r, p].every((n) => Number.isInteger(n) && n >= 1) &&
    memoryFor(params) <= MAX_MEMORY &&
    // Time grows linearly with p; OWASP's table stops at 10. A larger p in a
    // stored hash means tampering, and would tie up the thread pool.
    p <= 16
  );
}

/**
 * Throws a plain Error (not a DomainError): a malformed hash is corrupted data,
 * which the boundary turns into INTERNAL. The message never repeats the string.
 */
function parse(stored: string): Parsed {
  const malformed = () => new Error('The stored password hash is malformed.');
  const match = PHC.exec(stored);
  if (!match) throw malformed();
  const [, ln, r, p, saltText, keyText] = match;
  const params = { logN: Number(ln), r: Number(r), p: Number(p) };
  const salt = fromB64(saltText ?? '');
  const key = fromB64(keyText ?? '');
  if (!validParams(params) || !salt || !key) throw malformed();
  if (salt.length < MIN_SALT_BYTES || key.length < MIN_KEY_BYTES) throw malformed();
  return { params, salt, key };
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      // UTF-8 without normalisation: the policy only admits printable ASCII,
      // where every normal form is the same string.
      Buffer.from(password, 'utf8'),
      salt,
      keyLength,
      { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export class PasswordHasher {
  readonly params: Readonly<ScryptParams>;

  constructor(params: ScryptParams = OWASP_SCRYPT) {
    if (!validParams(params)) throw new RangeError('Unsupported scrypt parameters.');
    this.params = Object.freeze({ logN: params.logN, r: params.r, p: params.p });
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.params, KEY_BYTES);
    const { logN, r, p } = this.params;
    return `$scrypt$ln=${logN},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
  }

  async verify(password: string, stored: string): Promise<VerifyResult> {
    const { params, salt, key } = parse(stored);
    // The stored parameters, not ours: old hashes must keep verifying.
    const attempt = await derive(password, salt, params, key.length);
    // Same length by construction; timingSafeEqual so the comparison does not
    // reveal how many leading bytes matched.
    const ok = timingSafeEqual(attempt, key);
    const outdated =
      params.logN !== this.params.logN ||
      params.r !== this.params.r ||
      params.p !== this.params.p ||
      salt.length !== SALT_BYTES ||
      key.length !== KEY_BYTES;
    return { ok, needsRehash: ok && outdated, attemptDigest: b64(attempt) };
  }

  /**
   * The same scrypt work as `verify`, for a user who does not exist or has no
   * password, so the response time does not tell an attacker which accounts
   * exist. The salt is derived from `saltSeed` (e.g. the UPN typed) so the
   * digest is stable for repeated attempts, like a real one. Never ok.
   */
  async verifyAgainstNothing(password: string, saltSeed: string): Promise<VerifyResult> {
    const salt = createHash('sha256').update(NOTHING_LABEL).update(saltSeed, 'utf8').digest().subarray(0, SALT_BYTES);
    const attempt = await derive(password, salt, this.params, KEY_BYTES);
    // Mirror verify's comparison so both paths do the same steps.
    timingSafeEqual(attempt, Buffer.alloc(KEY_BYTES));
    return { ok: false, needsRehash: false, attemptDigest: b64(attempt) };
  }
}
