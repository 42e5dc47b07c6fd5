import { existsSync } from 'node:fs';
import type { Clock } from '../clock';
import { initDirectory, type CreatedAccount } from '../directory/init';
import { DirectoryStore } from '../directory/store';
import type { PasswordHasher } from '../reset/hashing';

/** The sample the app creates on first run: the same as `resetdesk init` with no options. */
export const FIRST_RUN_SAMPLE = { kind: 'sample', size: 500, seed: 1 } as const;

export interface OpenedDirectory {
  store: DirectoryStore;
  /** Set only when this call created the directory: the agent accounts, shown once. */
  createdAccounts: CreatedAccount[] | null;
}

/**
 * Opens the app's directory file, creating the Contoso sample when there is
 * none yet (first run of `npm start`). The created agents' passwords are held
 * in memory for the first-run screen and never written anywhere in clear.
 */
export async function openOrCreateDirectory(
  path: string,
  deps: { hasher: PasswordHasher; clock?: Clock },
): Promise<OpenedDirectory> {
  if (existsSync(path)) {
    return { store: DirectoryStore.open(path, deps.clock ? { clock: deps.clock } : {}), createdAccounts: null };
  }
  const { store, accounts } = await initDirectory(path, FIRST_RUN_SAMPLE, deps);
  return { store, createdAccounts: accounts };
}
