/**
 * Opens a directory file the way the app's main process does (DirectoryHost,
 * as createIpcApp's handlers use it), so the bench measures what the IPC
 * handler runs: on a search worker thread where the product has one, else
 * in-process.
 */
import { DirectoryHost } from '../../main/app/directory-host';
import { PasswordHasher } from '../../main/reset/hashing';
import type { Services } from '../../main/app/services';

export interface AppDirectory {
  services: Services;
  /** "search thread" or "in-process": where searchUsers runs. */
  searchMode: string;
  close(): Promise<void>;
}

/** Present once the product searches on a worker thread (SqliteUserDirectory.searchWorker / close). */
interface MaybeWorkerDirectory {
  searchWorker?: unknown;
  close?: () => Promise<void>;
}

export async function openAsTheApp(dbPath: string, hasher: PasswordHasher = new PasswordHasher()): Promise<AppDirectory> {
  const host = await DirectoryHost.open(dbPath, { hasher });
  const services = host.require();
  const directory = services.directory as unknown as MaybeWorkerDirectory;
  return {
    services,
    searchMode: directory.searchWorker ? 'search thread' : 'in-process',
    async close() {
      await directory.close?.();
      host.close();
    },
  };
}
