import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../main/domain/clock';
import { initDirectory, type CreatedAccount } from '../../main/app/init-directory';
import type { DirectoryStore } from '../../main/directory/sqlite/store';
import type { Actor } from '../../main/reset/engine';
import { PasswordHasher } from '../../main/reset/hashing';
import { Secret } from '../../main/domain/secret';
import { authenticateAgent, type Services } from '../../main/app/services';
import { buildServices, embeddedUsers } from '../../main/app/build-services';

/**
 * Scrypt at N=2^10 so a suite of hundreds of sign-ins runs in seconds. The cost
 * is a parameter of PasswordHasher, not a switch in the product: production code
 * always constructs the OWASP default, and test/unit/reset/hashing.test.ts covers it.
 */
export const FAST_HASHER = new PasswordHasher({ logN: 10, r: 8, p: 1 });

export function tempDir(prefix = 'resetdesk-test-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface SampleFixture {
  dbPath: string;
  store: DirectoryStore;
  services: Services;
  clock: ReturnType<typeof manualClock>;
  hasher: PasswordHasher;
  accounts: Map<string, CreatedAccount>;
  /** Signs in as the sample agent holding exactly this role. */
  agent(role: string): Promise<Actor>;
  passwordOf(upn: string): Secret;
  close(): void;
}

/** A real SQLite file in a temp folder holding the deterministic Contoso sample. */
export async function sampleDirectory(options: { size?: number; seed?: number; hasher?: PasswordHasher } = {}): Promise<SampleFixture> {
  const dir = tempDir();
  const clock = manualClock();
  const hasher = options.hasher ?? FAST_HASHER;
  const dbPath = join(dir.path, 'directory.sqlite');
  const { store, accounts } = await initDirectory(
    dbPath,
    { kind: 'sample', size: options.size ?? 120, seed: options.seed ?? 7 },
    { hasher, clock },
  );
  const services = buildServices(store, embeddedUsers, { hasher: hasher });
  const byUpn = new Map(accounts.map((a) => [a.upn, a]));
  return {
    dbPath,
    store,
    services,
    clock,
    hasher,
    accounts: byUpn,
    async agent(role) {
      const account = accounts.find((a) => a.roles.length === 1 && a.roles[0] === role);
      if (!account) throw new Error(`no sample agent holds exactly ${role}`);
      return authenticateAgent(services, account.upn, account.password);
    },
    passwordOf(upn) {
      const account = byUpn.get(upn);
      if (!account) throw new Error(`${upn} is not a sample agent`);
      return account.password;
    },
    close() {
      store.close();
      dir.cleanup();
    },
  };
}

export const secret = (value: string) => new Secret(value);
