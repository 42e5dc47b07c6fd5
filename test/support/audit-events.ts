/**
 * Audit records as tests build them: an intent of a reset sent to a remote
 * directory (a helpdesk agent, Adele), as a draft to append and as the event
 * the trail reads back. Each test changes only what it is about.
 */
import type { AuditDraft, AuditEvent } from '../../main/domain/types';

export const INTENT_DRAFT = {
  actorId: null,
  actorUpn: 'helpdesk.agent@contoso.com',
  targetId: 't',
  targetUpn: 'adele.vance@contoso.com',
  action: 'password.reset',
  result: 'intent',
  errorCode: null,
} as const satisfies AuditDraft;

/** The intent as the trail lists it (id 1, no outcome yet), with `change` over it. */
export function auditEvent<E extends AuditEvent = AuditEvent>(change: Partial<E> = {}): E {
  return {
    ...INTENT_DRAFT,
    id: 1,
    at: '2026-12-07T16:50:00.000Z',
    actorId: 'a',
    detail: null,
    intentId: null,
    ...change,
  } as E;
}
