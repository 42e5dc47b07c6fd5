/**
 * The words the agent reads about messages after a reset, in the dialog and on
 * the CLI: where the password may go (only registered channels), what became
 * of each message, and that a sent password is never printed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noticesText, sentResetText } from '../../../main/cli/format';
import type { ContactMethod } from '../../../main/domain/types';
import type { NoticeResult } from '../../../main/ipc/contract';
import { noticeLine, registeredChannels, sentSentence } from '../../../renderer/screens/reset/delivery-words';

const delivered = (kind: NoticeResult['kind'], to: string, channel: 'email' | 'sms' = 'email'): NoticeResult =>
  ({ kind, channel, to, delivered: true, error: null });
const failed = (kind: NoticeResult['kind'], to: string): NoticeResult =>
  ({ kind, channel: 'email', to, delivered: false, error: { code: 'DELIVERY_FAILED', message: 'The message could not be delivered.' } });

describe('where a temporary password may be sent', () => {
  it('offers only registered methods: a registered email or mobile, never a plain profile mail or phone', () => {
    const methods: ContactMethod[] = [
      { kind: 'email', value: 'adele.vance@contoso.com', verification: false },
      { kind: 'officePhone', value: '+1 ••• ••• 0100', verification: true },
      { kind: 'mobilePhone', value: '+1 425 555 0199', verification: false },
      { kind: 'mobilePhone', value: '+1 ••• ••• 0143', verification: true },
      { kind: 'alternateEmail', value: 'a•••@yahoo.com', verification: true },
      { kind: 'authenticatorApp', value: 'Pixel 8', verification: true },
    ];
    assert.deepEqual(registeredChannels(methods), { email: 'a•••@yahoo.com', sms: '+1 ••• ••• 0143' });
    assert.deepEqual(registeredChannels(methods.filter((m) => !m.verification)), { email: null, sms: null });
    // A profile mail that is also registered is a registered email.
    assert.deepEqual(registeredChannels([{ kind: 'email', value: 'a•••@contoso.com', verification: true }]), { email: 'a•••@contoso.com', sms: null });
  });

  it('says where it went, and that the agent will not see it', () => {
    assert.equal(sentSentence({ deliveredTo: 'sms', sentTo: '+1 ••• ••• 0143' }), 'Sent by SMS to +1 ••• ••• 0143; you will not see it.');
    assert.equal(sentSentence({ deliveredTo: 'email', sentTo: 'a•••@yahoo.com' }), 'Sent by email to a•••@yahoo.com; you will not see it.');
  });
});

describe('what became of each message', () => {
  it('in the dialog: who was told, by what, at which masked address; or why not', () => {
    assert.equal(noticeLine(delivered('user-notice', 'a•••@contoso.com')), 'User notified by email at a•••@contoso.com.');
    assert.equal(noticeLine(delivered('admin-notice', 'g•••@contoso.com')), 'Global Administrator notified by email at g•••@contoso.com.');
    assert.equal(
      noticeLine(failed('user-notice', 'a•••@yahoo.com')),
      'User not notified by email at a•••@yahoo.com: The message could not be delivered.',
    );
  });

  it('on the CLI: one line per notice; the out-of-band password has its own sentence', () => {
    const text = noticesText([delivered('temporary-password', '+1 ••• ••• 0143', 'sms'), delivered('user-notice', 'a•••@contoso.com'), failed('admin-notice', 'g•••@contoso.com')]);
    assert.equal(
      text,
      'User notified by email at a•••@contoso.com.\nGlobal Administrator NOT notified by email at g•••@contoso.com: The message could not be delivered. [DELIVERY_FAILED]\n',
    );
    assert.equal(noticesText([]), '');
  });

  it('on the CLI: notices that failed alike share one line (the sample with no keychain fails them all)', () => {
    const text = noticesText([failed('user-notice', 'a•••@contoso.com'), failed('user-notice', 'a•••@yahoo.com'), failed('admin-notice', 'g•••@contoso.com')]);
    assert.equal(
      text,
      'User NOT notified by email at a•••@contoso.com, a•••@yahoo.com: The message could not be delivered. [DELIVERY_FAILED]\n' +
        'Global Administrator NOT notified by email at g•••@contoso.com: The message could not be delivered. [DELIVERY_FAILED]\n',
    );
  });

  it('a sent reset says where, never what; a failed one says to reset again', () => {
    const facts = { upn: 'adele.vance@contoso.com', forceChangeNextSignIn: true, unlocked: false, expiresAt: null, accountEnabled: true };
    const ok = sentResetText('sms', '+1 ••• ••• 0143', delivered('temporary-password', '+1 ••• ••• 0143', 'sms'), facts);
    assert.match(ok, /^Temporary password for adele\.vance@contoso\.com sent by SMS to \+1 ••• ••• 0143; it is not shown here\.\n/);
    const notSent = sentResetText('email', 'a•••@yahoo.com', failed('temporary-password', 'a•••@yahoo.com'), facts);
    assert.match(notSent, /could not be sent: The message could not be delivered\.\nNobody knows the new password: reset it again\./);
  });
});
