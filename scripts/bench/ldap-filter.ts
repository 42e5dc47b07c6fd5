/**
 * The LDAP filter a helpdesk tool would send for what the agent typed, the
 * nearest equivalent of the product's search: every whitespace-separated word
 * must match as a prefix of a name, the UPN (uid), mail or department; a query
 * that looks like a phone number (3+ digits once spaces, +, -, ( ) and . are
 * dropped) also matches either phone as a digit substring (slapd's
 * telephoneNumber matching ignores spaces and hyphens, so "+1 425 555 0195"
 * holds "4255550195"). Words are split on whitespace, not punctuation: a pasted
 * UPN stays one prefix term of uid/mail.
 */

/** RFC 4515 §3: `*`, `(`, `)`, `\` and NUL in an assertion value are written as \XX. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const WORD_ATTRIBUTES = ['cn', 'givenName', 'sn', 'uid', 'mail', 'ou'] as const;

export function ldapFilterFor(query: string): string {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '(objectClass=inetOrgPerson)';
  const wordFilter = (w: string) => `(|${WORD_ATTRIBUTES.map((a) => `(${a}=${escapeFilterValue(w)}*)`).join('')})`;
  const all = words.length === 1 ? wordFilter(words[0]!) : `(&${words.map(wordFilter).join('')})`;
  const digits = query.replace(/[\s+\-().]/g, '');
  if (!/^\d{3,}$/.test(digits)) return all;
  return `(|${all}(telephoneNumber=*${digits}*)(mobile=*${digits}*))`;
}
