/**
 * The audit's filters as a person types them: one rule for the app's Audit
 * screen and `resetdesk audit list`. A target's or an agent's text matches any
 * part of the UPN, ignoring case ("adele" and "ADELE.V" both find
 * adele.vance@contoso.com); the text is trimmed, and empty text filters
 * nothing. The SQLite repo does the matching (a LIKE whose own wildcards in the
 * text are taken literally).
 */
import type { AuditFilter } from './local-store';
import type { AuditAction } from './types';

/** The longest text a filter takes, on either front end. */
export const AUDIT_FILTER_TEXT_MAX = 256;

export interface TypedAuditFilter {
  /** Part of the target's UPN. */
  target?: string | undefined;
  /** Part of the acting agent's UPN. */
  agent?: string | undefined;
  action?: AuditAction | undefined;
}

export function auditFilterOf({ target, agent, action }: TypedAuditFilter): AuditFilter {
  const targetText = target?.trim();
  const agentText = agent?.trim();
  return {
    ...(targetText ? { targetContains: targetText } : {}),
    ...(agentText ? { actorContains: agentText } : {}),
    ...(action ? { action } : {}),
  };
}
