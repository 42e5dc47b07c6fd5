/**
 * The FileSaver in Electron: the system save dialog picks the place, then the
 * shared writePrivateFile writes (0600, atomic). Kept thin: everything that
 * can be tested without Electron is in main/ipc/file-saver.ts.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { writePrivateFile, type FileSaver } from '../ipc/file-saver';

export function electronFileSaver(parent: () => BrowserWindow | null): FileSaver {
  return {
    async save(suggestedName, content) {
      const options: SaveDialogOptions = {
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = parent();
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      writePrivateFile(choice.filePath, content);
      return { saved: true, path: choice.filePath };
    },
  };
}
