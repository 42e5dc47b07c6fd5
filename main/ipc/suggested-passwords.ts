/**
 * The passwords main suggested ("Generate" in the reset dialog of a user whose
 * reset takes a typed password), so that a reset with one of them, unchanged,
 * is recorded as generated: the renderer sends it back like any typed
 * password, and only main can tell it is the one it made. The renderer's word
 * for it is never taken.
 *
 * Kept as SHA-256 digests, not the passwords, per agent and user: the latest
 * suggestion only (an earlier one, or another agent's, is a typed password),
 * used once, the oldest forgotten past a few users. Memory only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../domain/secret';

const MAX_KEPT = 20;

const digest = (password: string) => createHash('sha256').update(password, 'utf8').digest();

export class SuggestedPasswords {
  readonly #latest = new Map<string, Buffer>();

  /** The suggestion just made for this agent to give this user. */
  remember(agentId: string, userId: string, password: Secret): void {
    const key = JSON.stringify([agentId, userId]);
    this.#latest.delete(key);
    this.#latest.set(key, digest(password.reveal()));
    while (this.#latest.size > MAX_KEPT) this.#latest.delete(this.#latest.keys().next().value!);
  }

  /** Whether `password` is the latest suggestion for this agent and user, unchanged; a reset uses it up either way. */
  take(agentId: string, userId: string, password: string): boolean {
    const key = JSON.stringify([agentId, userId]);
    const kept = this.#latest.get(key);
    this.#latest.delete(key);
    return kept !== undefined && timingSafeEqual(kept, digest(password));
  }
}
