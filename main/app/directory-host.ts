import { existsSync } from 'node:fs';
import type { Clock } from '../clock';
import { initDirectory, type CreatedAccount } from './init-directory';
import type { SqliteDirectoryOptions } from '../directory/sqlite/sqlite-directory';
import { DirectoryStore } from '../directory/sqlite/store';
import { DomainError } from '../domain/errors';
import type { PasswordHasher } from '../reset/hashing';
import { closeServices, createServices, type Services } from '../services';

/** The sample the first-run screen creates: the same as `resetdesk init` with no options. */
export const FIRST_RUN_SAMPLE = { kind: 'sample', size: 500, seed: 1 } as const;

export type FirstRunPlan = { kind: 'sample' } | { kind: 'empty'; tenantName: string; domain: string };

export interface DirectoryHostDeps {
  hasher: PasswordHasher;
  clock?: Clock;
  /** Search on a worker thread (default true: the app and the Chromium target do). */
  searchInWorker?: boolean;
}

/**
 * The app's one directory file, which may not exist yet. The Electron glue and
 * the Chromium target open it at start-up; when it is missing, the first-run
 * screen asks for the Contoso sample or an empty tenant and `create` makes it.
 * The created agents' passwords are returned once, for that screen, and are
 * never written anywhere in clear.
 */
export class DirectoryHost {
  readonly location: string;
  readonly #deps: DirectoryHostDeps;
  #services: Services | null = null;
  #creating = false;

  constructor(location: string, deps: DirectoryHostDeps) {
    this.location = location;
    this.#deps = deps;
  }

  /** Opens the file when it exists; otherwise the host waits for `create`. */
  static open(location: string, deps: DirectoryHostDeps): DirectoryHost {
    const host = new DirectoryHost(location, deps);
    if (existsSync(location)) {
      const store = DirectoryStore.open(location, deps.clock ? { clock: deps.clock } : {});
      host.#services = createServices(store, deps.hasher, host.#directoryOptions());
    }
    return host;
  }

  /** A host over services that are already open (tests, embedding). */
  static over(services: Services, location: string, deps: DirectoryHostDeps): DirectoryHost {
    const host = new DirectoryHost(location, deps);
    host.#services = services;
    return host;
  }

  get services(): Services | null {
    return this.#services;
  }

  require(): Services {
    if (!this.#services) throw new DomainError('DIRECTORY_NOT_FOUND');
    return this.#services;
  }

  /** Creates the directory (first run). Refused once one exists or while one is being created. */
  async create(plan: FirstRunPlan): Promise<CreatedAccount[]> {
    if (this.#services || this.#creating || existsSync(this.location)) throw new DomainError('DIRECTORY_EXISTS');
    this.#creating = true;
    try {
      const { store, accounts } = await initDirectory(
        this.location,
        plan.kind === 'sample' ? FIRST_RUN_SAMPLE : plan,
        this.#deps,
      );
      this.#services = createServices(store, this.#deps.hasher, this.#directoryOptions());
      return accounts;
    } finally {
      this.#creating = false;
    }
  }

  #directoryOptions(): SqliteDirectoryOptions {
    return { searchInWorker: this.#deps.searchInWorker ?? true };
  }

  /**
   * Ends the search thread, then closes the file. In that order: the last
   * connection to close is the one that checkpoints and removes the WAL, and
   * the thread's is read-only, so it must not be last. Await it where the file
   * must be closed when it returns (quit).
   */
  async close(): Promise<void> {
    const services = this.#services;
    this.#services = null;
    if (!services) return;
    await closeServices(services);
  }
}
