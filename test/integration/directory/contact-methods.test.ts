/**
 * Verification methods leave the store masked: whatever path a user takes out
 * of main (lookup, search), no registered phone or alternate email is in it in
 * clear, while the agent still sees which methods exist.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/directory/sample';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

describe('contact details and verification methods', () => {
  let fx: SampleFixture;
  before(async () => {
    fx = await sampleDirectory({ size: 200, seed: 5 });
  });
  after(() => fx.close());

  it('no user, looked up or searched, carries a verification phone or email in clear', async () => {
    const everyone = await fx.services.directory.searchUsers('', { limit: 1000, offset: 0 });
    assert.equal(everyone.length, 200);
    let checked = 0;
    for (const listed of everyone) {
      const record = fx.store.findUser({ id: listed.id })!;
      const looked = await fx.services.directory.getUser({ id: listed.id });
      for (const method of record.authMethods) {
        if (method.kind === 'authenticatorApp') continue; // a device name, shown as is
        for (const shown of [JSON.stringify(listed), JSON.stringify(looked)]) {
          assert.ok(!shown.includes(method.value), `${record.upn}: ${method.kind} in clear`);
        }
        checked++;
      }
    }
    assert.ok(checked > 100, `checked ${checked} methods`);
  });

  it('lists the cloud member\'s mail in clear and her registered methods masked', async () => {
    const user = (await fx.services.directory.getUser({ upn: EX.cloudMember }))!;
    const record = fx.store.findUser({ upn: EX.cloudMember })!;
    const kinds = user.contactMethods.map((m) => `${m.kind}${m.verification ? ' (verification)' : ''}`);
    assert.deepEqual(kinds.slice(0, 2), ['email', 'mobilePhone (verification)']);
    assert.ok(kinds.includes('alternateEmail (verification)'));
    assert.ok(kinds.includes('authenticatorApp (verification)'));
    assert.equal(user.contactMethods[0]?.value, EX.cloudMember);
    assert.match(user.contactMethods[1]?.value ?? '', /^\+\d+( •+)+ \d{4}$/);
    assert.equal(user.mobilePhone, user.contactMethods[1]?.value, 'the profile field is masked the same way');
    assert.notEqual(record.mobilePhone, user.mobilePhone, 'main keeps the number itself');
    assert.match(user.contactMethods.find((m) => m.kind === 'alternateEmail')?.value ?? '', /^.•••@[a-z.]+$/);
  });

  it('a user with no methods shows plain contact details only', async () => {
    const user = (await fx.services.directory.getUser({ upn: EX.unregistered }))!;
    assert.ok(user.contactMethods.length > 0);
    assert.ok(user.contactMethods.every((m) => !m.verification && m.value !== null && !m.value.includes('•')));
  });
});
