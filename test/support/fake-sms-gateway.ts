/**
 * A fake SMS gateway for unit tests: no carrier can exist here. It records
 * what it is asked to send, in memory; `failWith` makes the next sends fail as
 * the real gateway does (a DomainError). The real HTTP gateway is tested in
 * test/integration/delivery against a local HTTPS server.
 */
import type { DomainError } from '../../main/domain/errors';
import type { OutgoingSms, SmsGateway } from '../../main/delivery/delivery';

export interface SentSms {
  to: string;
  /** The text as sent (a Secret's revealed text). */
  text: string;
}

export class FakeSmsGateway implements SmsGateway {
  readonly sent: SentSms[] = [];
  failWith: DomainError | null = null;

  async send(sms: OutgoingSms): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push({ to: sms.to, text: typeof sms.text === 'string' ? sms.text : sms.text.reveal() });
  }

  /** The last message sent to `to`, or undefined. */
  lastTo(to: string): SentSms | undefined {
    return this.sent.findLast((s) => s.to === to);
  }
}
