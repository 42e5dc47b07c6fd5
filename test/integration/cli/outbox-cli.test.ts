/**
 * Issue 16 item 7: the sample works from the CLI alone. No app runs: each
 * `resetdesk` process below starts the sample's outbox for its own sends
 * (real SMTP with STARTTLS, real HTTPS), and what it receives is kept sealed
 * in the local file under a key in a real OS keychain (gnome-keyring in a
 * private D-Bus session, shared by the processes as a desktop's keychain is);
 * `resetdesk outbox list` reads it back, codes and passwords readable there,
 * while the file's bytes and its WAL's hold none of them. Without a keychain,
 * the CLI says in one line that the sample's messages cannot be kept, and the
 * reset stands.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initDirectory } from '../../../main/app/init-directory';
import { SAMPLE_EXAMPLES } from '../../../main/app/sample/sample';
import { ROLES } from '../../../main/domain/roles';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { runSource, type CliRun } from '../../support/cli-process';
import { isolatedEnv, startKeyringSession, type KeyringSession } from '../../support/keyring-session';

const ADELE = SAMPLE_EXAMPLES.cloudMember;
const JOHANNA = SAMPLE_EXAMPLES.locked;

interface ListedMessage {
  channel: 'email' | 'sms';
  to: string[];
  subject: string | null;
  text: string;
}

describe('the sample from the CLI alone (no app running)', () => {
  const dir = tempDir('resetdesk-outbox-cli-');
  const db = join(dir.path, 'directory.sqlite');
  let keyring: KeyringSession | string;
  let agent: string;
  let agentPassword: string;

  before(async () => {
    keyring = await startKeyringSession();
    // The sample made here at a low scrypt cost, on the system clock (Johanna is locked out now).
    const { store, accounts } = await initDirectory(db, { kind: 'sample', size: 40, seed: 5 }, { hasher: FAST_HASHER });
    store.close();
    const account = accounts.find((a) => a.roles.length === 1 && a.roles[0] === ROLES.helpdeskAdministrator)!;
    agent = account.upn;
    agentPassword = account.password.reveal();
  });
  after(async () => {
    if (typeof keyring !== 'string') await keyring.close();
    dir.cleanup();
  });

  const cli = (args: string[], options: { env?: NodeJS.ProcessEnv; text?: boolean } = {}): Promise<CliRun> =>
    runSource([...args, '--db', db, '--as', agent, ...(options.text ? [] : ['--json'])], {
      agentPassword,
      env: options.env ?? (keyring as KeyringSession).env,
    });

  /** A session bus where nothing listens: the keychain fails at once, as on a box without one. */
  const noKeychainEnv = (): NodeJS.ProcessEnv => {
    const home = join(dir.path, 'no-keychain');
    return { ...isolatedEnv(home), DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'no-bus-here')}` };
  };

  /** The raw bytes of the file, its WAL and shared memory, as another account copying them would get. */
  const rawBytes = () =>
    ['', '-wal', '-shm']
      .map((suffix) => `${db}${suffix}`)
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path).toString('latin1'))
      .join('');

  it('resets and unlocks with the notices kept; outbox list shows them, the code and the password readable; the file holds neither in clear', async (t) => {
    if (typeof keyring === 'string') return t.skip(keyring);

    const reset = await cli(['password', 'reset', ADELE]);
    assert.equal(reset.status, 0, reset.stdout + reset.stderr);
    assert.ok(reset.json.notifications.length > 0);
    for (const notice of reset.json.notifications) assert.equal(notice.delivered, true, JSON.stringify(notice));

    const unlock = await cli(['account', 'unlock', JOHANNA]);
    assert.equal(unlock.status, 0, unlock.stdout + unlock.stderr);
    assert.equal(unlock.json.wasLocked, true);
    for (const notice of unlock.json.notifications) assert.equal(notice.delivered, true, JSON.stringify(notice));

    const sent = await cli(['password', 'reset', ADELE, '--send', 'email']);
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    assert.equal(sent.json.sent, true);
    assert.equal(sent.json.temporaryPassword, undefined, 'a password sent out of band is not printed');

    const code = await cli(['verify', 'send', ADELE, '--method', 'sms']);
    assert.equal(code.status, 0, code.stdout + code.stderr);

    const listed = await cli(['outbox', 'list']);
    assert.equal(listed.status, 0, listed.stdout + listed.stderr);
    const messages = listed.json.messages as ListedMessage[];
    assert.equal(listed.json.unreadable, 0);
    const subjects = messages.map((m) => m.subject);
    assert.ok(subjects.includes('Your Contoso password was reset'), subjects.join(' | '));
    assert.ok(subjects.includes('Your Contoso account was unlocked'), subjects.join(' | '));
    const passwordMail = messages.find((m) => m.subject === 'Your Contoso temporary password');
    const password = /temporary password: (\S+)/i.exec(passwordMail?.text ?? '')?.[1];
    assert.ok(password, 'the temporary password is readable in the outbox');
    const sms = messages.find((m) => m.channel === 'sms');
    const smsCode = /\b(\d{6})\b/.exec(sms?.text ?? '')?.[1];
    assert.ok(smsCode, 'the verification code is readable in the outbox');
    assert.equal(messages[0], sms, 'newest first');
    // The first reset's password was shown, not sent: it is in no message.
    assert.ok(!messages.some((m) => m.text.includes(reset.json.temporaryPassword)));

    const text = await cli(['outbox', 'list'], { text: true });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^\d+ messages in the sample's outbox, newest first/);
    assert.ok(text.stdout.includes(smsCode) && text.stdout.includes(password), text.stdout);

    const raw = rawBytes();
    for (const secret of [password, smsCode, reset.json.temporaryPassword as string]) {
      assert.ok(!raw.includes(secret), 'no code or password in the file or its WAL');
    }

    // The file alone opens nothing: without the keychain, the kept messages cannot be read.
    const locked = await cli(['outbox', 'list'], { env: noKeychainEnv() });
    assert.equal(locked.status, 1);
    assert.equal(locked.json.error.code, 'SECRET_STORE_UNAVAILABLE');
  });

  it('with no keychain: one line says the sample\'s messages cannot be kept, and the reset stands; a password to send is refused before the reset', async (t) => {
    if (typeof keyring === 'string') return t.skip(keyring);
    const env = noKeychainEnv();

    const reset = await cli(['password', 'reset', ADELE], { env, text: true });
    assert.equal(reset.status, 0, reset.stdout + reset.stderr);
    assert.match(reset.stdout, /^Temporary password for adele\.vance@contoso\.com: \S+$/m);
    const notKept = reset.stdout.split('\n').filter((line) => line.includes('NOT notified'));
    assert.equal(notKept.length, 1, reset.stdout);
    assert.match(notKept[0]!, /The sample's messages cannot be kept \(they are sealed with a key it holds\), so none was sent\. \[SECRET_STORE_UNAVAILABLE\]$/);

    const refused = await cli(['password', 'reset', ADELE, '--send', 'email'], { env, text: true });
    assert.equal(refused.status, 1);
    assert.equal(refused.stderr.trimEnd().split('\n').length, 1, refused.stderr);
    assert.match(refused.stderr.trimEnd(), /cannot be kept .* \[SECRET_STORE_UNAVAILABLE\]$/);
    const audit = await cli(['audit', 'list', 'password.reset', '--limit', '1']);
    assert.deepEqual([audit.json[0].result, audit.json[0].errorCode], ['failure', 'SECRET_STORE_UNAVAILABLE'], 'refused before the reset, audited');
  });

  it('outbox list needs an agent who signs in', async (t) => {
    if (typeof keyring === 'string') return t.skip(keyring);
    const anonymous = await runSource(['outbox', 'list', '--db', db, '--json'], { env: keyring.env });
    assert.equal(anonymous.status, 2);
    assert.equal(anonymous.json.error.code, 'INVALID_INPUT');
    const wrong = await runSource(['outbox', 'list', '--db', db, '--json', '--as', agent], { env: keyring.env, agentPassword: 'not-the-password' });
    assert.equal(wrong.status, 1);
    assert.equal(wrong.json.error.code, 'AUTH_FAILED');
  });
});
