/**
 * Who may read the sample outbox's messages: the codes sent to callers and
 * the temporary passwords sent out of band, in clear, since reading them back
 * is the outbox's purpose. Decided here, in one place, for the app's Outbox
 * screen (listOutbox) and `resetdesk outbox list` alike.
 *
 * Today: every signed-in agent, as the app has allowed since the outbox came
 * (both front ends require a sign-in first). Issue 16 J's rules for reads
 * (which Entra roles may read what) belong here when they come: a refusal is
 * ROLE_REQUIRED, naming the roles that may.
 */
import type { DomainError } from '../domain/errors';
import type { Actor } from './engine';

export function outboxReadRefusal(_agent: Pick<Actor, 'id' | 'upn' | 'roles'>): DomainError | null {
  return null;
}
