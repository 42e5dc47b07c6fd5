import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { Secret } from '../reset/secret';

/**
 * The OS clipboard as main needs it. The Electron glue writes with
 * clipboard.write([ClipboardItem]) and the formats that mark the copy as secret
 * (Windows history/cloud exclusion, macOS ConcealedType, KDE's password hint).
 */
export interface SecretClipboard {
  writeSecret(text: string): void;
  readText(): string;
  clear(): void;
}

export interface TimerPort {
  set(callback: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export const realTimers: TimerPort = {
  set: (callback, ms) => setTimeout(callback, ms),
  cancel: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const fingerprint = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/**
 * Copies a secret and clears it after a delay, and on quit, but only when the
 * clipboard still holds what we put there (as KeePassXC and Bitwarden do): the
 * agent may have copied something else meanwhile. Only a SHA-256 fingerprint of
 * the copied text is kept for that comparison.
 */
export class ClipboardGuard {
  readonly #clipboard: SecretClipboard;
  readonly #clock: Clock;
  readonly #timers: TimerPort;
  readonly #clearAfterMs: number;
  #copied: string | null = null;
  #timer: unknown = null;

  constructor(clipboard: SecretClipboard, options: { clock: Clock; clearAfterSeconds: number; timers?: TimerPort }) {
    this.#clipboard = clipboard;
    this.#clock = options.clock;
    this.#clearAfterMs = options.clearAfterSeconds * 1000;
    this.#timers = options.timers ?? realTimers;
  }

  get clearAfterSeconds(): number {
    return this.#clearAfterMs / 1000;
  }

  copy(secret: Secret): { clearsAt: string } {
    const text = secret.reveal();
    this.#clipboard.writeSecret(text);
    this.#copied = fingerprint(text);
    if (this.#timer !== null) this.#timers.cancel(this.#timer);
    this.#timer = this.#timers.set(() => this.clearIfOurs(), this.#clearAfterMs);
    return { clearsAt: new Date(this.#clock() + this.#clearAfterMs).toISOString() };
  }

  /** Clears the clipboard if it still holds our copy. Returns whether it did. */
  clearIfOurs(): boolean {
    if (this.#timer !== null) this.#timers.cancel(this.#timer);
    this.#timer = null;
    const ours = this.#copied !== null && fingerprint(this.#clipboard.readText()) === this.#copied;
    this.#copied = null;
    if (ours) this.#clipboard.clear();
    return ours;
  }
}
