/**
 * No password in the local file, an error message or a log, on the real
 * servers: resets and changes (successful and refused) with known passwords,
 * then the local SQLite file's bytes (database, WAL, shared memory) and every
 * message are scanned for them, as UTF-8 and as UTF-16LE (AD's unicodePwd).
 * And ldapts's own wire log (NODE_DEBUG=ldapts), which prints a modify's
 * values: with it on, no password is sent at all.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DomainError } from '../../../../main/domain/errors';
import { Secret } from '../../../../main/domain/secret';
import { LdapAuthenticator } from '../../../../main/directory/ldap/ldap-authenticator';
import { LdapUserDirectory } from '../../../../main/directory/ldap/ldap-directory';
import { ResetEngine } from '../../../../main/reset/engine';
import { adminRead, bindDn, holdServersForThisFile, localStore, profileOf, REPO, resetCases, serversOrSkip, tryBind } from './servers';

holdServersForThisFile();

/** Every form a password could take in bytes: UTF-8, UTF-16LE, AD's quoted UTF-16LE, and a JSON-printed Buffer of those. */
function forms(password: string): Buffer[] {
  const utf16 = Buffer.from(password, 'utf16le');
  const quoted = Buffer.from(`"${password}"`, 'utf16le');
  return [Buffer.from(password, 'utf8'), utf16, quoted, Buffer.from([...quoted].join(',')), Buffer.from([...Buffer.from(password)].join(','))];
}

function assertAbsent(where: string, bytes: Buffer, passwords: string[]) {
  for (const password of passwords) {
    for (const form of forms(password)) assert.equal(bytes.indexOf(form), -1, `${where} holds a password (${form.length} bytes)`);
  }
}

for (const kind of ['ad', 'openldap'] as const) {
  describe(`${kind}: no password leaves the process except to the server`, () => {
    test('resets and changes, allowed and refused: the local file\'s bytes and every message are free of the passwords', async (t) => {
      const servers = serversOrSkip(t);
      if (!servers) return;
      resetCases();
      const side = servers[kind];
      const store = localStore(t);
      const profile = profileOf(servers, kind);
      const directory = new LdapUserDirectory({ profile, stores: store.stores });
      const auth = new LdapAuthenticator({ profile, stores: store.stores, directory });
      const RESET = `Known-Reset-${kind}-4711!`;
      const REFUSED = 'Kn0wn!';
      const CHANGE = `Known-Change-${kind}-8242!`;
      const messages: string[] = [];
      const collect = (error: unknown) => {
        assert.ok(error instanceof DomainError, String(error));
        messages.push(error.message, JSON.stringify(error.toPayload()), String(error.stack));
        return error.code;
      };

      const signIn = await auth.signIn(side.users.helpdesk!, new Secret(side.userPassword));
      const actor = { id: signIn.user!.id, upn: signIn.user!.upn, roles: signIn.user!.roles, credential: signIn.credential! };
      const engine = new ResetEngine(directory, { generate: () => new Secret(RESET) });
      // A reset that lands (proven by the server), and one the server refuses for its policy.
      await engine.resetPassword(actor, { target: { upn: side.users.plain! } });
      const bind = await tryBind(servers, kind, bindDn(servers, kind, side.users.plain!), RESET);
      assert.ok(kind === 'ad' ? /data 773/.test(bind.error?.message ?? '') : bind.error === null, 'the reset landed');
      const refusing = new ResetEngine(directory, { generate: () => new Secret(REFUSED) });
      assert.equal(await refusing.resetPassword(actor, { target: { upn: side.users.plain2! } }).then(() => 'ok', collect), 'POLICY_VIOLATION');
      // The user's own change: refused (too short, wrong current password), then allowed.
      assert.equal(await auth.changePassword(side.users.plain2!, new Secret(side.userPassword), new Secret(REFUSED)).then(() => 'ok', collect), 'POLICY_VIOLATION');
      assert.equal(await auth.changePassword(side.users.plain2!, new Secret(CHANGE), new Secret(RESET)).then(() => 'ok', collect), 'AUTH_FAILED');
      await auth.changePassword(side.users.plain2!, new Secret(side.userPassword), new Secret(CHANGE));
      // A sign-in with a wrong password that is someone's real one.
      assert.equal((await auth.signIn(side.users.plain!, new Secret(CHANGE))).result, 'invalid_credentials');
      assert.equal(messages.length, 9);

      const passwords = [RESET, REFUSED, CHANGE, side.userPassword];
      assertAbsent('the messages', Buffer.from(messages.join('\n')), passwords);
      const audit = await store.stores.audit.list({ limit: 100 });
      assert.ok(audit.length >= 8, `${audit.length} audit events`);
      assertAbsent('the audit as read', Buffer.from(JSON.stringify(audit)), passwords);
      for (const suffix of ['', '-wal', '-shm', '-journal']) {
        const file = `${store.path}${suffix}`;
        if (existsSync(file)) assertAbsent(`the local file ${suffix || '(database)'}`, readFileSync(file), passwords);
      }
      store.close();
      assertAbsent('the local file after close', readFileSync(store.path), passwords);
    });

    test('NODE_DEBUG=ldapts (ldapts prints each request it sends): no password is sent, nothing changed, and stderr holds none', async (t) => {
      const servers = serversOrSkip(t);
      if (!servers) return;
      resetCases();
      const side = servers[kind];
      const store = localStore(t);
      const file = store.path;
      store.close();
      const RESET = `Logged-Reset-${kind}-3190!`;
      const CHANGE = `Logged-Change-${kind}-6027!`;
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(REPO, 'test/integration/directory/ldap/debug-child.ts'), kind, file, RESET, CHANGE],
        { cwd: REPO, env: { ...process.env, NODE_DEBUG: 'ldapts' }, encoding: 'buffer', timeout: 60_000 },
      );
      const stderr = child.stderr;
      assert.equal(child.status, 0, stderr.toString().slice(-2000));
      assert.match(stderr.toString(), /LDAPTS \d+: Sending message/, 'the wire log was on');
      const result = JSON.parse(child.stdout.toString().trim()) as Record<string, string>;
      t.diagnostic(JSON.stringify(result));
      assert.equal(result.signIn, 'ok', 'a bind is fine: ldapts redacts its password');
      assert.match(result.reset!, /^DIRECTORY_ERROR: .*NODE_DEBUG/);
      assert.match(result.change!, /^DIRECTORY_ERROR: .*NODE_DEBUG/);
      assertAbsent('stderr', stderr, [RESET, CHANGE, side.userPassword]);
      assertAbsent('stdout', child.stdout, [RESET, CHANGE, side.userPassword]);
      const attribute = kind === 'ad' ? 'pwdLastSet' : 'pwdChangedTime';
      const fresh = await adminRead(servers, kind, side.users.plain!, [attribute]);
      assert.equal((await tryBind(servers, kind, bindDn(servers, kind, side.users.plain!), side.userPassword)).error, null, `unchanged (${JSON.stringify(fresh)})`);
    });
  });
}
