/**
 * Verification methods leave the store masked (toPublicUser, which lookups and
 * search both go through): no registered phone or alternate email is in clear,
 * while the agent still sees which methods exist.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badges, userText } from '../../../main/cli/format';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

describe('contact details and verification methods', () => {
  let fx: SampleFixture;
  before(async () => {
    fx = await sampleDirectory({ size: 200, seed: 5 });
  });
  after(() => fx.close());

  it('no user leaves the store with a verification phone or email in clear', async () => {
    const ids = fx.store.db.prepare('SELECT object_id AS id FROM users').all() as { id: string }[];
    assert.equal(ids.length, 200);
    let checked = 0;
    for (const { id } of ids) {
      const record = fx.store.findUser({ id })!;
      const shown = JSON.stringify(await fx.services.directory.as(null).getUser({ id }));
      for (const method of record.authMethods) {
        if (method.kind === 'authenticatorApp') continue; // a device name, shown as is
        assert.ok(!shown.includes(method.value), `${record.upn}: ${method.kind} in clear`);
        checked++;
      }
    }
    assert.ok(checked > 100, `checked ${checked} methods`);
  });

  it('lists the cloud member\'s mail in clear and her registered methods masked', async () => {
    const user = (await fx.services.directory.as(null).getUser({ upn: EX.cloudMember }))!;
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
    const user = (await fx.services.directory.as(null).getUser({ upn: EX.unregistered }))!;
    assert.ok(user.contactMethods.length > 0);
    assert.ok(user.contactMethods.every((m) => !m.verification && m.value !== null && !m.value.includes('•')));
  });

  it('`resetdesk users show` prints the same: contact lines masked, protection and "never"', async () => {
    const adele = (await fx.services.directory.as(null).getUser({ upn: EX.cloudMember }))!;
    const record = fx.store.findUser({ upn: EX.cloudMember })!;
    const text = userText(adele);
    assert.match(text, /^Mobile phone +\+\d+( •+)+ \d{4} \(verification method\)$/m);
    assert.match(text, /^Alternate email +.•••@\S+ \(verification method\)$/m);
    for (const method of record.authMethods.filter((m) => m.kind !== 'authenticatorApp')) {
      assert.ok(!text.includes(method.value), `${method.kind} in clear`);
    }
    const diego = (await fx.services.directory.as(null).getUser({ upn: EX.syncedAdminCount }))!;
    assert.match(userText(diego), /^AdminCount +1 \(protected\)$/m);
    assert.ok(badges(diego).includes('Protected'));
    const guest = (await fx.services.directory.as(null).getUser({ upn: EX.guestGoogle }))!;
    assert.match(userText(guest), /^Password last set +never$/m);
  });
});
