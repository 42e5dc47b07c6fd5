/**
 * The audit's filters as a person types them: one rule for the app's Audit
 * screen and `resetdesk audit list`. A target's or an agent's text matches any
 * part of the UPN, ignoring case ("adele" and "ADELE.V" both find
 * adele.vance@contoso.com); the text is trimmed, and empty text filters
 * nothing. The SQLite repo does the matching (a LIKE whose own wildcards in the
 * text are taken literally).
 *
 * A date range: `from` and `to` are each a day (YYYY-MM-DD, in the local time
 * zone: from its first moment, to its last) or an ISO 8601 time (that
 * instant); both ends are included. The window sends instants (its own time
 * zone's days); the CLI may send days (the TZ it runs in).
 */
import { DomainError } from '../errors';
import type { AuditFilter } from './audit-store';
import { localDayBounds } from '../time';
import type { AuditAction } from '../types';

/** The longest text a filter takes, on either front end. */
export const AUDIT_FILTER_TEXT_MAX = 256;

export interface TypedAuditFilter {
  /** Part of the target's UPN. */
  target?: string | undefined;
  /** Part of the acting agent's UPN. */
  agent?: string | undefined;
  action?: AuditAction | undefined;
  /** The first day (YYYY-MM-DD) or instant (ISO 8601) included. */
  from?: string | undefined;
  /** The last day or instant included. */
  to?: string | undefined;
}

/** An ISO 8601 time: a date, "T", a time, and Z or an offset (without one it would be read in main's zone). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The range's end as epoch ms: a day's first (from) or last (to) moment, or the instant given. */
function boundOf(text: string | undefined, end: 'from' | 'to'): number | undefined {
  const typed = text?.trim();
  if (!typed) return undefined;
  const day = localDayBounds(typed);
  if (day) return end === 'from' ? day.start : day.end;
  const ms = ISO_TIME.test(typed) ? Date.parse(typed) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new DomainError('INVALID_INPUT', `The ${end === 'from' ? 'From' : 'To'} date is not a date: use YYYY-MM-DD or an ISO 8601 time with its offset.`);
  }
  return ms;
}

export function auditFilterOf({ target, agent, action, from, to }: TypedAuditFilter): AuditFilter {
  const targetText = target?.trim();
  const agentText = agent?.trim();
  const atFrom = boundOf(from, 'from');
  const atTo = boundOf(to, 'to');
  if (atFrom !== undefined && atTo !== undefined && atFrom > atTo) {
    throw new DomainError('INVALID_INPUT', 'The From date is after the To date.');
  }
  return {
    ...(targetText ? { targetContains: targetText } : {}),
    ...(agentText ? { actorContains: agentText } : {}),
    ...(action ? { action } : {}),
    ...(atFrom !== undefined ? { atFrom } : {}),
    ...(atTo !== undefined ? { atTo } : {}),
  };
}
