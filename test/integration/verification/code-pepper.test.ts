/**
 * A pending code cannot be recovered from the local file alone (issue 16 G):
 * a code sent by the real CLI is kept as an HMAC keyed with the tenant's
 * pepper, which lives in the OS keychain (a real gnome-keyring), never in the
 * file. Trying all 10^6 codes against the file's row, with everything the
 * file holds, recovers nothing; the same search with the keychain's pepper
 * finds the code, and the CLI checks it. Where no keychain answers, the CLI
 * refuses to send (SECRET_STORE_UNAVAILABLE, one line), records nothing and
 * audits the refusal; a check there is refused the same way at no try's cost.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CODE_DIGITS, pepperOf } from '../../../main/reset/verification/codes';
import { keychainSkip } from '../../support/keychain';
import { ADELE, cliBed, type CliBed } from './cli-bed';

/** Where no keychain answers: a session bus address nothing listens at. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/resetdesk-no-bus' };

interface Row {
  hmac: string;
  salt: string;
  status: string;
  attempts: number;
}

/** Every code from 000000 to 999999 against the stored HMAC, keyed with `key` (peppered form) or, with none, the salt (the form before peppering). */
function tryAllCodes(row: Row, key: Buffer | null): string | null {
  const mac = Buffer.from(row.hmac.split('.').at(-1)!, 'base64url');
  const salt = Buffer.from(row.salt, 'base64url');
  for (let i = 0; i < 10 ** CODE_DIGITS; i++) {
    const code = String(i).padStart(CODE_DIGITS, '0');
    const hmac = key ? createHmac('sha256', key).update(salt) : createHmac('sha256', salt);
    if (hmac.update(code, 'utf8').digest().equals(mac)) return code;
  }
  return null;
}

/** The local file as someone who copied it has it: the database and its WAL. */
function fileBytes(db: string): Buffer {
  return Buffer.concat([db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

/** The attack with the file alone: find the pepper in it (any 256-bit base64url value naming the row's pepper), else the plain salted form. */
function recoverFromFile(row: Row, file: Buffer): string | null {
  const pepperId = row.hmac.split('.')[1];
  const candidates = new Set(file.toString('latin1').match(/[\w-]{43}/g) ?? []);
  for (const candidate of candidates) {
    const key = Buffer.from(candidate, 'base64url');
    if (key.length === 32 && pepperOf(key).id === pepperId) return tryAllCodes(row, key);
  }
  return tryAllCodes(row, null);
}

const skip = await keychainSkip('verification code pepper (CLI)');

describe('verification codes: the file alone does not give up a pending code', { skip: skip ?? false }, () => {
  let bed: CliBed;
  let code = '';
  const rows = () =>
    bed.store.db
      .prepare("SELECT code_hmac AS hmac, salt, status, attempts FROM verification_challenges WHERE target_upn = ? AND method = 'sms' ORDER BY rowid")
      .all(ADELE) as Row[];
  const sendAudits = () => bed.store.audit.list({ targetUpn: ADELE, action: 'verification.send', limit: 100 });

  before(async () => {
    bed = await cliBed(1602);
    const sent = await bed.cli(['verify', 'send', ADELE, '--method', 'sms'], { as: bed.agent });
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    [code] = bed.codesReceived() as [string];
  });
  after(async () => {
    await bed?.close();
  });

  it('all 10^6 codes tried against the row, with what the file holds, recover nothing; the pepper is not in the file', () => {
    const [row] = rows();
    assert.ok(row && row.status === 'pending', 'one pending code');
    const file = fileBytes(bed.db);
    assert.equal(recoverFromFile(row, file), null);
    return bed.pepper().then((pepper) => {
      assert.ok(pepper, 'the send made the pepper in the keychain');
      assert.equal(file.indexOf(pepper.key), -1, 'not the raw key');
      assert.equal(file.indexOf(pepper.key.toString('base64url')), -1, 'not its base64url form');
      assert.equal(file.indexOf(pepper.key.toString('base64')), -1, 'not its base64 form');
    });
  });

  it('no keychain: verify send is refused with SECRET_STORE_UNAVAILABLE in one line, records and sends nothing, and is audited once', async () => {
    const before = { rows: rows().length, sms: bed.sms.received.length, audits: sendAudits().length };
    const refused = await bed.cli(['verify', 'send', ADELE, '--method', 'sms'], { as: bed.agent, env: NO_KEYCHAIN });
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.equal(refused.json?.error?.code, 'SECRET_STORE_UNAVAILABLE', refused.stdout);
    assert.doesNotMatch(refused.json.error.message, /\n/);
    assert.match(refused.json.error.message, /verification codes/);
    assert.deepEqual({ rows: rows().length, sms: bed.sms.received.length }, { rows: before.rows, sms: before.sms }, 'nothing recorded or sent');
    const audits = sendAudits();
    assert.equal(audits.length, before.audits + 1);
    assert.deepEqual([audits[0]!.result, audits[0]!.errorCode], ['failure', 'SECRET_STORE_UNAVAILABLE']);
    assert.equal(rows()[0]!.status, 'pending', 'the code sent before still stands');
  });

  it('no keychain: verify check is refused the same way and costs no try; with it, the row checks and the search finds the code', async () => {
    const refused = await bed.cli(['verify', 'check', ADELE, '--method', 'sms'], { as: bed.agent, input: `${code}\n`, env: NO_KEYCHAIN });
    assert.equal(refused.json?.error?.code, 'SECRET_STORE_UNAVAILABLE', refused.stdout + refused.stderr);
    assert.equal(rows()[0]!.attempts, 0);

    const pepper = (await bed.pepper())!;
    assert.equal(tryAllCodes(rows()[0]!, pepper.key), code, 'the same search, with the keychain, finds it');
    const checked = await bed.cli(['verify', 'check', ADELE, '--method', 'sms'], { as: bed.agent, input: `${code}\n` });
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    assert.deepEqual(checked.json.verification.verified.map((v: { method: string }) => v.method), ['sms']);
  });
});
