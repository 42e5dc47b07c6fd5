/**
 * A password the directory's own policy refused, in words an agent can act
 * on. Resetdesk checks the tenant's policy, the banned terms and the history
 * first; what the directory still refuses is a rule only it knows (its own
 * history of passwords set elsewhere, a quality module, a domain policy):
 *
 * - Active Directory: ERROR_PASSWORD_RESTRICTION (0000052D), as 19
 *   constraintViolation (Samba, with its reason after
 *   "check_password_restrictions:") or 53 unwillingToPerform (Windows, with
 *   no reason: "SvcErr: DSID-…, problem 5003 (WILL_NOT_PERFORM)");
 * - OpenLDAP's ppolicy: 19 with its diagnostic text, one per rule.
 */
import { DomainError } from '../../domain/errors';

/** Windows' own words for ERROR_PASSWORD_RESTRICTION (0x52D). */
const PASSWORD_RESTRICTION =
  "the new password does not meet the domain's length, complexity or history requirements (0000052D)";

/** ppolicy's diagnostic texts (servers/slapd/overlays/ppolicy.c), and what they mean for the agent. */
const PPOLICY_WORDS: [RegExp, string][] = [
  [/too short for policy/i, "It is shorter than the directory's minimum length (ppolicy pwdMinLength)."],
  [/fails quality checking/i, "It does not pass the directory's quality check (ppolicy pwdCheckQuality)."],
  [
    /in history of old passwords|not being changed from existing value/i,
    "It is the user's current password or one of their recent ones, which the directory remembers (ppolicy pwdInHistory).",
  ],
  [/too young to change/i, "The password was changed too recently to be changed again (ppolicy pwdMinAge)."],
];

/**
 * Whether a 53 answer is AD's password restriction (Windows answers a reset
 * that fails the domain policy so).
 */
export function isPasswordRestriction(message: string): boolean {
  return /\b0000052D\b/i.test(message);
}

/**
 * POLICY_VIOLATION with the directory's reason: the server's own text (short,
 * no password in it: servers do not echo it), and what it means where the
 * text alone does not say.
 */
export function directoryPolicyRefusal(message: string, reason: string): DomainError {
  if (isPasswordRestriction(message) && !/check_password_restrictions:/i.test(message)) {
    return new DomainError('POLICY_VIOLATION', `The directory says: ${PASSWORD_RESTRICTION}.`);
  }
  const words = PPOLICY_WORDS.find(([pattern]) => pattern.test(reason))?.[1];
  const said = /[.!?]$/.test(reason) ? reason : `${reason}.`;
  return new DomainError('POLICY_VIOLATION', `The directory says: ${said}${words ? ` ${words}` : ''}`);
}
