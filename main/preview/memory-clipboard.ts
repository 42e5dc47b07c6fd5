import type { SecretClipboard } from '../ipc/clipboard-guard';

/**
 * A process-local clipboard: the stand-in for the OS clipboard wherever main's
 * handlers run outside Electron (the integration tests and the Chromium target,
 * whose main-process code runs in the Playwright process, where Electron's
 * clipboard module cannot exist). The Electron glue uses the real one
 * (main/electron/clipboard.ts). Tests read it back through `readText`.
 */
export class MemoryClipboard implements SecretClipboard {
  #text = '';
  writes = 0;

  async writeSecret(text: string): Promise<void> {
    this.#text = text;
    this.writes++;
  }

  async readText(): Promise<string> {
    return this.#text;
  }

  async clear(): Promise<void> {
    this.#text = '';
  }

  /** Another application copying something (the guard must then leave it alone). */
  async writeOther(text: string): Promise<void> {
    this.#text = text;
  }
}
