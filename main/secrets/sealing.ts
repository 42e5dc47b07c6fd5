/**
 * Values sealed at rest with a key the OS keychain holds: AES-256-GCM, a
 * random 96-bit IV per value, and additional data that binds a sealed value
 * to where it belongs (a tenant, a row), so a value copied elsewhere does not
 * open. The local file alone therefore gives nothing; the key is kept in the
 * keychain of the agent's machine (tenant-key.ts). Used for authenticator secrets
 * (main/reset/verification/sealing.ts) and the sample outbox's messages
 * (main/delivery/outbox/kept-outbox.ts), each under a key of its own.
 *
 * Sealed form: `v1.<iv>.<ciphertext>.<tag>`, each base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function sealText(key: Buffer, plaintext: string, additionalData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', ...[iv, body, cipher.getAuthTag()].map((p) => p.toString('base64url'))].join('.');
}

/** Whether a value has the sealed form (it may still not open). */
export function isSealedForm(sealed: string): boolean {
  const [version, iv, body, tag, extra] = sealed.split('.');
  return version === 'v1' && !!iv && !!body && !!tag && extra === undefined;
}

/** The plaintext, or null when the value does not open with this key and data (another keychain's key, a changed value). */
export function openSealed(key: Buffer, sealed: string, additionalData: string): string | null {
  if (!isSealedForm(sealed)) return null;
  const [, iv, body, tag] = sealed.split('.') as [string, string, string, string];
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(additionalData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
