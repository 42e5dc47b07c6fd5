/**
 * A real sample directory for e2e specs: built once per Playwright worker with
 * `initDirectory` (as `resetdesk init` does, at full hashing cost), then copied
 * to a fresh file for each test so every test starts from the same state. The
 * agents' passwords stay in this process's memory; none is written to a file.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initDirectory } from '../../main/app/init-directory';
import { DIRECTORY_FILE } from '../../main/app/paths';
import { PasswordHasher } from '../../main/reset/hashing';

export interface SampleDirectory {
  /** The agent's password printed at creation (throws for a non-agent). */
  passwordOf(upn: string): string;
  /** A fresh copy of the sample directory file, in its own folder. */
  copy(): string;
  dispose(): void;
}

export const E2E_SAMPLE = { kind: 'sample', size: 120, seed: 1 } as const;

/** The shared sample, or (a spec of its own, e.g. the 500-user first-run sample) another size and seed. */
export async function createSampleDirectory(plan: { kind: 'sample'; size: number; seed: number } = E2E_SAMPLE): Promise<SampleDirectory> {
  const root = mkdtempSync(path.join(tmpdir(), 'resetdesk-e2e-sample-'));
  const template = path.join(root, 'template.sqlite');
  const { store, accounts } = await initDirectory(template, plan, { hasher: new PasswordHasher() });
  // Checkpoint and close, so the one file holds everything and can be copied.
  store.close();
  const passwords = new Map(accounts.map((a) => [a.upn.toLowerCase(), a.password]));
  let copies = 0;
  return {
    passwordOf(upn) {
      const password = passwords.get(upn.toLowerCase());
      if (!password) throw new Error(`${upn} is not an agent account of the sample`);
      return password.reveal();
    },
    copy() {
      const file = path.join(root, `copy-${++copies}`, DIRECTORY_FILE);
      mkdirSync(path.dirname(file), { mode: 0o700 }); // its own: a folder others can write to is refused
      copyFileSync(template, file);
      return file;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
