import { existsSync } from 'node:fs';
import { initDirectory, type CreatedAccount } from './init-directory';
import { DEFAULT_SAMPLE_SIZE } from '../domain/sample-size';
import { buildServices, embeddedUsers, type ServiceOptions } from './build-services';
import { ldapUsers, loadProfile, readProfile, storedProfileOf } from './ldap-users';
import { changeProfiles, removingInUse } from './profile-changes';
import type { LdapProfile } from '../directory/ldap/profile';
import type { DirectoryKind } from '../directory/directory';
import { DirectoryStore } from '../directory/sqlite/store';
import { DomainError } from '../domain/errors';
import { DEFAULT_TENANT_EXTRAS, DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY } from '../domain/types';
import { closeServices, type Services } from './services';

/** The sample the first-run screen creates: the same as `resetdesk init` with no options. */
export const FIRST_RUN_SAMPLE = { kind: 'sample', size: DEFAULT_SAMPLE_SIZE, seed: 1 } as const;

/** The first run's sample: FIRST_RUN_SAMPLE, or a smaller one when the request names a size (the contract's bounds). */
export type FirstRunPlan = { kind: 'sample'; size?: number | undefined } | { kind: 'empty'; tenantName: string; domain: string };

/**
 * The services' options (build-services.ts), with the app's defaults: search on
 * a worker thread, and a real directory searched from its local copy kept by a
 * sync thread (replica/); both true unless a test turns them off.
 */
export interface DirectoryHostDeps extends ServiceOptions {
  /** Overrides the stored choice of directory (RESETDESK_DIRECTORY): a profile name. */
  directory?: string;
}

/** A local file in memory, for a connection test before the real one exists. */
function scratchStore(tenantName: string): DirectoryStore {
  const store = DirectoryStore.open(':memory:', { create: true });
  store.tenant.create(
    {
      tenantId: '00000000-0000-4000-8000-000000000000',
      name: tenantName,
      domains: [],
      passwordWriteback: false,
      temporaryPasswordLifetimeDays: null,
      passwordPolicy: DEFAULT_PASSWORD_POLICY,
      lockoutPolicy: DEFAULT_LOCKOUT_POLICY, ...DEFAULT_TENANT_EXTRAS,
    },
    Date.now(),
  );
  return store;
}

/** Which directory the app signs in to, for the status bar. */
export interface ActiveDirectory {
  kind: DirectoryKind;
  /** The profile's name; null for the embedded directory. */
  name: string | null;
  location: string;
}

/**
 * The app's local file, which may not exist yet, and the directory its agents
 * sign in to: the embedded users in that file, or an Active Directory /
 * OpenLDAP connection profile kept in it. The Electron glue and the Chromium
 * target open it at start-up; when the file is missing, the first-run screen
 * asks for the Contoso sample, an empty tenant or a real directory. The created
 * agents' passwords are returned once, for that screen, and are never written
 * anywhere in clear.
 */
export class DirectoryHost {
  readonly location: string;
  readonly #deps: DirectoryHostDeps;
  #store: DirectoryStore | null = null;
  #services: Services | null = null;
  #active: string | null = null;
  #creating = false;

  constructor(location: string, deps: DirectoryHostDeps) {
    this.location = location;
    this.#deps = deps;
  }

  /** Opens the file when it exists; otherwise the host waits for `create` or `createForProfile`. */
  static async open(location: string, deps: DirectoryHostDeps): Promise<DirectoryHost> {
    const host = new DirectoryHost(location, deps);
    if (existsSync(location)) {
      const store = DirectoryStore.open(location, deps.clock ? { clock: deps.clock } : {});
      try {
        await host.#attach(store, deps.directory ?? (await store.stores.profiles.active()));
      } catch (error) {
        store.close();
        throw error;
      }
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

  get active(): ActiveDirectory | null {
    const services = this.#services;
    if (!services) return null;
    return { kind: services.directory.kind, name: this.#active, location: services.directory.location };
  }

  /** Creates the directory (first run). Refused once one exists or while one is being created. */
  async create(plan: FirstRunPlan): Promise<CreatedAccount[]> {
    return this.#creatingOnce(async () => {
      const { store, accounts } = await initDirectory(
        this.location,
        plan.kind === 'sample' ? { ...FIRST_RUN_SAMPLE, size: plan.size ?? FIRST_RUN_SAMPLE.size } : plan,
        this.#deps,
      );
      await this.#attach(store, null);
      return accounts;
    });
  }

  /** First run with a real directory: the local file alone (settings, audit, this profile), using it. */
  async createForProfile(profile: LdapProfile, tenantName: string, domain: string): Promise<void> {
    return this.#creatingOnce(async () => {
      const { store } = await initDirectory(this.location, { kind: 'local', tenantName, domain }, this.#deps);
      try {
        // The first profile of a fresh file: nobody to ask, audited all the same (profile-changes.ts).
        await changeProfiles(store.stores, { op: 'add', name: profile.name, use: true }, { inUse: null, signIn: async () => null }, async () => {
          await store.stores.profiles.add(storedProfileOf(profile), store.clock());
          await store.stores.profiles.setActive(profile.name);
        });
        await this.#attach(store, profile.name);
      } catch (error) {
        store.close();
        throw error;
      }
    });
  }

  /** The profiles kept in the local file, checked by their schema. */
  async profiles(): Promise<LdapProfile[]> {
    const store = this.#store;
    if (!store) return [];
    return Promise.all((await store.stores.profiles.list()).map((p) => readProfile(store, p.name)));
  }

  /** Adds a profile, or replaces the one of that name. */
  async saveProfile(profile: LdapProfile, replace: boolean): Promise<void> {
    const store = this.#requireStore();
    if (replace) await store.stores.profiles.replace(storedProfileOf(profile), store.clock());
    else await store.stores.profiles.add(storedProfileOf(profile), store.clock());
  }

  /**
   * Services over a profile not in use ("Test connection"), audited in this
   * file; before the first run made one, in a scratch in-memory file whose
   * audit is not kept. `close` ends only what the candidate opened.
   */
  candidate(profile: LdapProfile): { services: Services; close(): Promise<void> } {
    const store = this.#store ?? scratchStore(profile.name);
    const services = buildServices(store, ldapUsers(profile), { ...this.#deps, replicaSync: false });
    return {
      services,
      close: async () => {
        await services.directory.close();
        if (store !== this.#store) store.close();
      },
    };
  }

  /** Removes a profile; the one in use cannot be (switch first). */
  async removeProfile(name: string): Promise<void> {
    const store = this.#requireStore();
    // Read leniently: a connection an older version stored (ldap:// without StartTLS) can still be removed.
    const profile = await readProfile(store, name);
    const inUse = removingInUse(profile.name, this.#active);
    if (inUse) throw inUse;
    await store.stores.profiles.remove(profile.name);
  }

  /**
   * Switches the directory agents sign in to (null: the embedded one) and keeps
   * the choice in the local file. The caller ends the session first: a sign-in
   * belongs to the directory that answered it.
   */
  async use(name: string | null): Promise<void> {
    const store = this.#requireStore();
    const profile = name === null ? null : await loadProfile(store, name);
    const previous = this.#services;
    const services = this.#servicesFor(store, profile);
    await store.stores.profiles.setActive(profile?.name ?? null);
    this.#services = services;
    this.#active = profile?.name ?? null;
    await previous?.directory.close();
  }

  async #attach(store: DirectoryStore, active: string | null): Promise<void> {
    const profile = active === null ? null : await loadProfile(store, active);
    this.#services = this.#servicesFor(store, profile);
    this.#store = store;
    this.#active = profile?.name ?? null;
  }

  #servicesFor(store: DirectoryStore, profile: LdapProfile | null): Services {
    return buildServices(store, profile === null ? embeddedUsers : ldapUsers(profile), {
      ...this.#deps,
      searchInWorker: this.#deps.searchInWorker ?? true,
      replicaSync: this.#deps.replicaSync ?? true,
    });
  }

  #requireStore(): DirectoryStore {
    if (!this.#store) throw new DomainError('DIRECTORY_NOT_FOUND');
    return this.#store;
  }

  async #creatingOnce<T>(work: () => Promise<T>): Promise<T> {
    if (this.#services || this.#creating || existsSync(this.location)) throw new DomainError('DIRECTORY_EXISTS');
    this.#creating = true;
    try {
      return await work();
    } finally {
      this.#creating = false;
    }
  }

  /**
   * Ends the search thread and the directory's connections, then closes the
   * file. In that order: the last connection to close is the one that
   * checkpoints and removes the WAL, and the thread's is read-only, so it must
   * not be last. Await it where the file must be closed when it returns (quit).
   */
  async close(): Promise<void> {
    const services = this.#services;
    this.#services = null;
    this.#store = null;
    if (!services) return;
    await closeServices(services);
  }
}
