/**
 * A connection profile: how to reach one Active Directory or OpenLDAP
 * directory. Profiles live in the local file (they are settings, not secrets):
 * a profile never holds a password. In 'service' mode the service account's
 * password is kept in the OS keychain (main/secrets/secret-store.ts) and
 * handed to the provider as a `() => Promise<Secret>`.
 */
import { z } from 'zod';
import { ROLES } from '../../domain/roles';

export const LDAP_TYPES = ['ad', 'openldap'] as const;
export type LdapType = (typeof LDAP_TYPES)[number];

export const BIND_MODES = ['agent', 'service'] as const;
export type BindMode = (typeof BIND_MODES)[number];

/** AD's user principal name attribute: fixed, the profile cannot change it. */
export const AD_UPN_ATTRIBUTE = 'userPrincipalName';
/** The attribute that plays the UPN's part in OpenLDAP unless the profile says otherwise. */
export const OPENLDAP_DEFAULT_UPN_ATTRIBUTE = 'mail';

const ROLE_NAMES = Object.values(ROLES) as [string, ...string[]];

/** scheme://host[:port] and nothing else (ldapts takes "proto/host/port only"). */
const urlSchema = z
  .string()
  .trim()
  .max(512)
  .regex(/^ldaps?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?\/?$/, 'an LDAP URL such as ldaps://dc1.contoso.com:636');

/** A DN as typed: bounded, one line. Its syntax is the server's business. */
const dnSchema = z.string().trim().min(3).max(1024).regex(/^[^\r\n]*=[^\r\n]*$/, 'a DN such as DC=contoso,DC=com');

/** An attribute description: a name (or an OID), no options, nothing that could widen a filter. */
const attributeSchema = z.string().trim().regex(/^([A-Za-z][A-Za-z0-9-]{0,63}|\d+(\.\d+)+)$/, 'an attribute name such as mail');

const profileFields = z
  .object({
    name: z.string().trim().min(1).max(64),
    type: z.enum(LDAP_TYPES),
    urls: z.array(urlSchema).min(1).max(8),
    /** For ldap:// URLs: upgrade with StartTLS before anything else is sent. */
    startTls: z.boolean().default(false),
    /** PEM file of the CA(s) that sign the servers' certificates; default: the system's trust store. */
    caFile: z.string().trim().min(1).max(4096).optional(),
    baseDn: dnSchema,
    /** Where users are searched (default: baseDn). */
    usersDn: dnSchema.optional(),
    bind: z.enum(BIND_MODES).default('agent'),
    serviceAccountDn: dnSchema.optional(),
    /** Directory group DN → Entra role name. Compared case-insensitively with memberOf. */
    roleGroups: z.record(dnSchema, z.enum(ROLE_NAMES)).default({}),
    upnAttribute: attributeSchema.optional(),
    /**
     * OpenLDAP: the bind DN of a UPN, with {local} (the part before @) and {upn}, for servers that show
     * nothing before a bind. Without it the DN is found by a search on the UPN attribute (locate.ts).
     */
    userDnTemplate: z
      .string()
      .trim()
      .max(1024)
      .regex(/\{(local|upn)\}/, 'a template with {local} or {upn}, such as uid={local},ou=people,dc=contoso,dc=com')
      .optional(),
    /** OpenLDAP: the default ppolicy entry (slapd's olcPPolicyDefault), for users without pwdPolicySubentry. */
    passwordPolicyDn: dnSchema.optional(),
    connectTimeoutMs: z.int().min(100).max(120_000).default(5000),
    timeoutMs: z.int().min(100).max(600_000).default(10_000),
    searchSizeLimit: z.int().min(1).max(10_000).default(200),
    /**
     * Which attributes hold a user's caller-verification methods (see
     * verificationAttributes for the defaults). The profile mail is no proof:
     * a locked-out user cannot read their work mailbox.
     */
    verification: z
      .object({ email: z.array(attributeSchema).max(4).optional(), sms: z.array(attributeSchema).max(4).optional() })
      .strict()
      .optional(),
  });

type ProfileFields = z.output<typeof profileFields>;

/** What the fields mean together. */
function fieldRules(p: ProfileFields, ctx: z.RefinementCtx): void {
  if (p.bind === 'service' && !p.serviceAccountDn) {
    ctx.addIssue({ code: 'custom', path: ['serviceAccountDn'], message: 'service mode needs the service account DN' });
  }
  if (p.type === 'ad' && p.upnAttribute && p.upnAttribute.toLowerCase() !== AD_UPN_ATTRIBUTE.toLowerCase()) {
    ctx.addIssue({ code: 'custom', path: ['upnAttribute'], message: 'Active Directory names users by userPrincipalName' });
  }
  if (p.type === 'ad' && p.userDnTemplate) {
    ctx.addIssue({ code: 'custom', path: ['userDnTemplate'], message: 'Active Directory binds with the UPN itself' });
  }
}

/** Why a profile with an ldap:// URL and no StartTLS is refused: the bind's password would cross the network in clear. */
export const PLAIN_LDAP_REFUSAL = 'an ldap:// URL sends passwords in clear: use ldaps:// URLs, or StartTLS (--starttls)';

/** Every default filled in; URLs without a trailing slash. */
const filled = (p: ProfileFields) => ({
  ...p,
  upnAttribute: p.type === 'ad' ? AD_UPN_ATTRIBUTE : (p.upnAttribute ?? OPENLDAP_DEFAULT_UPN_ATTRIBUTE),
  usersDn: p.usersDn ?? p.baseDn,
  urls: p.urls.map((url) => url.replace(/\/$/, '')),
});

/**
 * A profile as it is added or tested (the CLI's `directory add`, the app's
 * first-run and Directories forms through the IPC contract): a plain ldap://
 * URL needs StartTLS, refused here rather than at first use.
 */
export const ldapProfileSchema = profileFields
  .superRefine((p, ctx) => {
    fieldRules(p, ctx);
    if (!profileIsEncrypted(p)) ctx.addIssue({ code: 'custom', path: ['urls'], message: PLAIN_LDAP_REFUSAL });
  })
  .transform(filled);

/**
 * A profile as the local file keeps it, read with every rule but the TLS one:
 * one stored by an older version that allowed ldap:// alone is still listed
 * and removed, and refused for use with words of its own (loadProfile).
 */
export const storedLdapProfileSchema = profileFields.superRefine(fieldRules).transform(filled);

/** What a profile is once read: every default filled in. */
export type LdapProfile = z.output<typeof ldapProfileSchema>;
/** What a profile may be written as (defaults optional). */
export type LdapProfileInput = z.input<typeof ldapProfileSchema>;

/** Parses a profile, or throws zod's error (the caller turns it into INVALID_INPUT with its own words). */
export function parseLdapProfile(input: unknown): LdapProfile {
  return ldapProfileSchema.parse(input);
}

/** Parses a stored profile (see storedLdapProfileSchema), or throws zod's error. */
export function parseStoredLdapProfile(input: unknown): LdapProfile {
  return storedLdapProfileSchema.parse(input);
}

/**
 * The verification attributes of a profile, defaults filled in: Active
 * Directory keeps alternate mailboxes in otherMailbox (what Entra Connect
 * syncs as the user's alternate email) and the mobile in mobile; OpenLDAP's
 * inetOrgPerson has no alternate mailbox, so email is whatever the profile
 * names (none by default), SMS the mobile.
 */
export function verificationAttributes(profile: Pick<LdapProfile, 'type' | 'verification'>): { email: string[]; sms: string[] } {
  const defaults = profile.type === 'ad' ? { email: ['otherMailbox'], sms: ['mobile'] } : { email: [], sms: ['mobile'] };
  return { email: profile.verification?.email ?? defaults.email, sms: profile.verification?.sms ?? defaults.sms };
}

/** A URL that talks in clear unless upgraded. */
export function isPlainUrl(url: string): boolean {
  return /^ldap:\/\//i.test(url);
}

/** Whether every connection this profile opens is encrypted before the first byte of a bind. */
export function profileIsEncrypted(profile: Pick<LdapProfile, 'urls' | 'startTls'>): boolean {
  return profile.startTls || profile.urls.every((url) => !isPlainUrl(url));
}

/** The part of a UPN before the last @. */
export function localPart(upn: string): string {
  const at = upn.lastIndexOf('@');
  return at > 0 ? upn.slice(0, at) : upn;
}

/**
 * Escapes a value for one RDN (RFC 4514): the template's {local} must not add
 * RDNs or change the entry named.
 */
export function escapeDnValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (',+"\\<>;='.includes(c) || (c === '#' && i === 0) || (c === ' ' && (i === 0 || i === value.length - 1))) {
      out += `\\${c}`;
    } else if (c === '\0') {
      out += '\\00';
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * How a profile has the DN a user binds as, in words (`directory list`): AD the
 * UPN; OpenLDAP the template when set, else a search (locate.ts).
 */
export function signInDnRule(profile: Pick<LdapProfile, 'type' | 'userDnTemplate' | 'upnAttribute' | 'baseDn' | 'usersDn' | 'bind'>): string {
  if (profile.type === 'ad') return 'the UPN';
  if (profile.userDnTemplate) return `the template ${profile.userDnTemplate}`;
  const searcher = profile.bind === 'service' ? 'anonymously, else as the service account' : 'anonymously';
  return `found by ${profile.upnAttribute} under ${profile.baseDn} (${searcher}; else uid={local},${profile.usersDn})`;
}

/** A DN from the profile's template, or the default uid={local},<usersDn> (locate.ts decides when). */
export function userDnOf(profile: Pick<LdapProfile, 'userDnTemplate' | 'usersDn'>, upn: string): string {
  const template = profile.userDnTemplate ?? `uid={local},${profile.usersDn}`;
  return template
    .replaceAll('{local}', escapeDnValue(localPart(upn)))
    .replaceAll('{upn}', escapeDnValue(upn));
}
