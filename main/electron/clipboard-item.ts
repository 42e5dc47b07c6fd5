/**
 * Turns the secret-copy entries (main/ipc/clipboard-formats.ts) into what
 * Electron's ClipboardItem accepts: strings stay strings, raw bytes become
 * Blobs. No 'electron' import (Blob is a Node global too), so it is unit-tested
 * under Node (test/unit/electron/clipboard-item.test.ts).
 */
import type { ClipboardEntries } from '../ipc/clipboard-formats';

export function clipboardItemData(entries: ClipboardEntries): Record<string, string | Blob> {
  const data: Record<string, string | Blob> = {};
  for (const [type, value] of Object.entries(entries)) {
    // Copied into a fresh ArrayBuffer-backed array: a view over a shared or
    // larger buffer must not put more than its own bytes on the clipboard.
    data[type] = typeof value === 'string' ? value : new Blob([Uint8Array.from(value)]);
  }
  return data;
}
