/**
 * The send limit holds across processes (issue 16 E): twelve `resetdesk
 * verify send --method sms` at once, for one user, on one local file, against
 * a real HTTPS SMS endpoint on loopback that counts what it receives. Five
 * SMS go out, seven sends are refused with VERIFICATION_SEND_LIMIT, each
 * audited once; every code that went out was recorded under the keychain's
 * one pepper (the first sends of a tenant make it together), and the newest
 * checks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret } from '../../../main/domain/secret';
import { codeMatches } from '../../../main/reset/verification/codes';
import { SENDS_PER_WINDOW } from '../../../main/reset/verification/service';
import { keychainSkip } from '../../support/keychain';
import { ADELE, cliBed, type CliBed } from './cli-bed';

const PARALLEL = 12;
const skip = await keychainSkip('verify send in parallel (CLI)');

describe('verify send: twelve CLI processes at once for one user', { skip: skip ?? false }, () => {
  let bed: CliBed;
  before(async () => {
    // A carrier's API takes a while to answer: the senders overlap for that long.
    bed = await cliBed(1601, { smsLatencyMs: 300 });
  });
  after(async () => {
    await bed?.close();
  });

  it(`delivers exactly ${SENDS_PER_WINDOW}, refuses the rest with VERIFICATION_SEND_LIMIT, and audits each send once`, async () => {
    assert.equal(SENDS_PER_WINDOW, 5);
    const runs = await Promise.all(Array.from({ length: PARALLEL }, () => bed.cli(['verify', 'send', ADELE, '--method', 'sms'], { as: bed.agent })));
    const outputs = runs.map((r) => `exit ${r.status}: ${r.stdout.trim()} ${r.stderr.trim()}`).join('\n');

    const sent = runs.filter((r) => r.status === 0);
    const refused = runs.filter((r) => r.status === 1 && r.json?.error?.code === 'VERIFICATION_SEND_LIMIT');
    assert.equal(sent.length, SENDS_PER_WINDOW, outputs);
    assert.equal(refused.length, PARALLEL - SENDS_PER_WINDOW, outputs);
    assert.equal(bed.sms.received.length, SENDS_PER_WINDOW, 'what the SMS endpoint received');
    const phone = bed.store.findUser({ upn: ADELE })!.authMethods.find((m) => m.kind === 'mobilePhone')!.value;
    assert.ok(bed.sms.received.every((r) => (r.body as { to: string }).to === phone));

    const events = bed.store.audit.list({ targetUpn: ADELE, action: 'verification.send', limit: 100 });
    assert.equal(events.length, PARALLEL, 'one audit event per send');
    assert.equal(events.filter((e) => e.result === 'success' && e.errorCode === null).length, SENDS_PER_WINDOW);
    assert.equal(events.filter((e) => e.result === 'failure' && e.errorCode === 'VERIFICATION_SEND_LIMIT').length, PARALLEL - SENDS_PER_WINDOW);

    // Every code that went out is the one recorded, under the pepper the keychain holds now.
    const pepper = await bed.pepper();
    assert.ok(pepper, 'the first sends made the pepper');
    const rows = bed.store.db
      .prepare("SELECT code_hmac AS hmac, salt, status FROM verification_challenges WHERE target_upn = ? AND method = 'sms' ORDER BY created_at, rowid")
      .all(ADELE) as { hmac: string; salt: string; status: string }[];
    assert.equal(rows.length, SENDS_PER_WINDOW);
    const codes = bed.codesReceived();
    for (const row of rows) {
      assert.equal(codes.filter((c) => codeMatches(new Secret(c), row.salt, row.hmac, pepper)).length, 1, 'a code that went out');
    }
    assert.deepEqual(rows.map((r) => r.status), [...Array(SENDS_PER_WINDOW - 1).fill('superseded'), 'pending']);
    const newest = codes.find((c) => codeMatches(new Secret(c), rows.at(-1)!.salt, rows.at(-1)!.hmac, pepper))!;
    const checked = await bed.cli(['verify', 'check', ADELE, '--method', 'sms'], { as: bed.agent, input: `${newest}\n` });
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    assert.deepEqual(checked.json.verification.verified.map((v: { method: string }) => v.method), ['sms']);
  });
});
