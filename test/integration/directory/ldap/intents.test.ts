/**
 * Atomicity, honestly: a process killed (SIGKILL) between the audit intent and
 * the outcome leaves an open intent, which the next start resolves by reading
 * the directory. Two kill points, on both real servers: before the modify is
 * sent (nothing changed) and after the server confirmed it (changed).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { join } from 'node:path';
import { DirectoryStore } from '../../../../main/directory/sqlite/store';
import { LdapUserDirectory, resolveOpenIntents } from '../../../../main/directory/ldap/ldap-directory';
import { Secret } from '../../../../main/domain/secret';
import { bindDn, localStore, profileOf, REPO, resetCases, serversOrSkip, tryBind, type Kind, holdServersForThisFile } from './servers';

const TEMP = 'Killed-Midway-7316!';

holdServersForThisFile();

async function runAndKill(kind: Kind, file: string, mode: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/integration/directory/ldap/kill-child.ts'), kind, file, mode], {
    cwd: REPO,
    env: { ...process.env, RESETDESK_TEST_TEMP: TEMP },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for await (const line of lines) {
    if (line.startsWith('INTENT') || line === 'MODIFIED') {
      child.kill('SIGKILL');
      await exited;
      return line;
    }
  }
  throw new Error(`the child ended without reaching ${mode}`);
}

for (const kind of ['ad', 'openldap'] as const) {
  for (const mode of ['before-modify', 'after-modify'] as const) {
    test(`${kind}: killed ${mode}: the open intent is resolved at the next start from the directory`, async (t) => {
      const servers = serversOrSkip(t);
      if (!servers) return;
      resetCases();
      const store = localStore(t);
      const file = store.path;
      store.close();
      const reached = await runAndKill(kind, file, mode);
      assert.match(reached, mode === 'before-modify' ? /^INTENT \d+$/ : /^MODIFIED$/);

      const next = DirectoryStore.open(file);
      t.after(() => next.close());
      const open = next.local.audit.openIntents();
      assert.equal(open.length, 1, 'one open intent');
      const bind = await tryBind(servers, kind, bindDn(servers, kind, servers[kind].users.plain!), TEMP);
      const resetHappened = kind === 'ad' ? /data 773/.test(bind.error?.message ?? '') : bind.error === null;
      assert.equal(resetHappened, mode === 'after-modify', 'the server says whether the reset happened');

      const side = servers[kind];
      const directory = new LdapUserDirectory({ profile: profileOf(servers, kind), local: next.local });
      const resolved = await resolveOpenIntents(next.local, directory, { dn: side.admin.dn, password: new Secret(side.admin.password) });
      assert.deepEqual(resolved, [{ intentId: open[0]!.id, changed: mode === 'after-modify' }]);
      assert.deepEqual(next.local.audit.openIntents(), []);
      const outcome = next.local.audit.list({ limit: 10 }).find((e) => e.intentId === open[0]!.id);
      assert.equal(outcome?.result, mode === 'after-modify' ? 'success' : 'failure');
      assert.equal(JSON.parse(outcome!.detail!).resolvedAtStart, true);
    });
  }
}
