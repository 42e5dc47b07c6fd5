import path from 'node:path';
import { writePrivateFile, type FileSaver, type SaveOutcome } from '../ipc/file-saver';

/**
 * The FileSaver where no save dialog exists (the integration tests and the
 * Chromium target): the "chosen" place is `folder`/suggested name, written by
 * the same writePrivateFile the Electron saver uses. `cancelNext` plays a
 * user pressing Cancel in the dialog.
 */
export class FolderFileSaver implements FileSaver {
  #cancel = false;
  constructor(readonly folder: string) {}

  cancelNext(): void {
    this.#cancel = true;
  }

  async save(suggestedName: string, content: string): Promise<SaveOutcome> {
    if (this.#cancel) {
      this.#cancel = false;
      return { saved: false };
    }
    const target = path.join(this.folder, path.basename(suggestedName));
    writePrivateFile(target, content);
    return { saved: true, path: target };
  }
}
