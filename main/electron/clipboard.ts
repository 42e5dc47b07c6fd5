/**
 * The SecretClipboard over Electron's (asynchronous, main-process) clipboard.
 * The text and the OS "do not keep this" formats go in ONE ClipboardItem, so
 * Electron commits them to the system clipboard atomically: a clipboard
 * manager never sees the password without the marker.
 */
import { ClipboardItem, clipboard } from 'electron';
import type { SecretClipboard } from '../ipc/clipboard-guard';
import { secretClipboardEntries } from '../ipc/clipboard-formats';
import { clipboardItemData } from './clipboard-item';

export function electronClipboard(platform: NodeJS.Platform = process.platform): SecretClipboard {
  return {
    async writeSecret(text) {
      await clipboard.write([new ClipboardItem(clipboardItemData(secretClipboardEntries(platform, text)))]);
    },
    readText: () => clipboard.readText(),
    async clear() {
      clipboard.clear();
    },
  };
}
