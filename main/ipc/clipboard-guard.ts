import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock';
import type { Secret } from '../domain/secret';
import { realTimers, type TimerPort } from './timers';

/**
 * The OS clipboard as main needs it. The Electron glue writes with
 * clipboard.write([ClipboardItem]) and the formats that mark the copy as secret
 * (clipboard-formats.ts); Electron's clipboard API is asynchronous.
 */
export interface SecretClipboard {
  writeSecret(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

// Kept importable from here, where they were first defined.
export { realTimers, type TimerPort } from './timers';

export interface ClipboardStatus {
  /** True while the clipboard holds the app's copy and a clear is pending. */
  holdsCopy: boolean;
  clearsAt: string | null;
}

const fingerprint = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/**
 * Copies a secret and clears it after a delay, and on quit, but only when the
 * clipboard still holds what we put there (as KeePassXC and Bitwarden do): the
 * agent may have copied something else meanwhile. Only a SHA-256 fingerprint of
 * the copied text is kept for that comparison. `onChange` hears the state after
 * each copy and clear (the window's countdown ends on it): never the text.
 */
export class ClipboardGuard {
  readonly #clipboard: SecretClipboard;
  readonly #clock: Clock;
  readonly #timers: TimerPort;
  readonly #clearAfterMs: number;
  readonly #onChange: (status: ClipboardStatus) => void;
  #copied: string | null = null;
  #clearsAt: number | null = null;
  #timer: unknown = null;

  constructor(
    clipboard: SecretClipboard,
    options: { clock: Clock; clearAfterSeconds: number; timers?: TimerPort; onChange?: (status: ClipboardStatus) => void },
  ) {
    this.#clipboard = clipboard;
    this.#clock = options.clock;
    this.#clearAfterMs = options.clearAfterSeconds * 1000;
    this.#timers = options.timers ?? realTimers;
    this.#onChange = options.onChange ?? (() => {});
  }

  get clearAfterSeconds(): number {
    return this.#clearAfterMs / 1000;
  }

  async copy(secret: Secret): Promise<ClipboardStatus & { clearsAt: string }> {
    const text = secret.reveal();
    await this.#clipboard.writeSecret(text);
    this.#copied = fingerprint(text);
    if (this.#timer !== null) this.#timers.cancel(this.#timer);
    this.#clearsAt = this.#clock() + this.#clearAfterMs;
    this.#timer = this.#timers.set(() => void this.clearIfOurs().catch(() => {}), this.#clearAfterMs);
    const status = { holdsCopy: true as const, clearsAt: new Date(this.#clearsAt).toISOString() };
    this.#onChange(status);
    return status;
  }

  status(): ClipboardStatus {
    return this.#copied === null
      ? { holdsCopy: false, clearsAt: null }
      : { holdsCopy: true, clearsAt: new Date(this.#clearsAt ?? this.#clock()).toISOString() };
  }

  /** Clears the clipboard if it still holds our copy. Returns whether it did. */
  async clearIfOurs(): Promise<boolean> {
    if (this.#timer !== null) this.#timers.cancel(this.#timer);
    this.#timer = null;
    const copied = this.#copied;
    this.#copied = null;
    this.#clearsAt = null;
    if (copied === null) return false;
    try {
      const ours = fingerprint(await this.#clipboard.readText()) === copied;
      if (ours) await this.#clipboard.clear();
      return ours;
    } finally {
      // The copy is forgotten whatever the clipboard did; what holds now (a copy made
      // while this one was cleared, or none) is what the window hears.
      this.#onChange(this.status());
    }
  }
}
