/**
 * The DN a user binds as. Active Directory binds with the UPN itself. OpenLDAP
 * binds with a DN, and agents rarely live where users do (ou=helpdesk beside
 * ou=people), so the DN is found, not guessed:
 *
 * 1. the profile's userDnTemplate, when it has one: an explicit setting for
 *    servers that show nothing to anyone before a bind;
 * 2. else a search for the UPN attribute under the base DN, anonymously where
 *    the server allows it;
 * 3. else (anonymous refused, or it sees no such entry) the same search as the
 *    profile's service account, when it has one;
 * 4. else the default template uid={local},<users DN>, as before profiles
 *    could search.
 *
 * An entry found twice is nobody: sign-in answers AUTH_FAILED without saying
 * which (no enumeration); only `directory test` shows the words of `how`.
 */
import { ResultCodeError } from 'ldapts';
import { DomainError } from '../../domain/errors';
import type { AccountLocation } from '../directory';
import { withSession, type BindIdentity, type ConnectionDeps, type Session } from './connection';
import { openLdapSearch, toLdapFilter, type FilterNode } from './filter';
import { BIND_REFUSAL_CODES, serviceBindRefusal } from './ldap-errors';
import { userDnOf, type LdapProfile } from './profile';

/** Which way the DN was had: `directory test` and the audit-free account test say it. */
export type DnSource = 'upn' | 'anonymous search' | 'service account search' | 'template';

export interface LocatedAccount extends AccountLocation {
  source: DnSource;
}

export interface LocateDeps {
  /** The profile's service account (service mode), its password fetched now; null when the profile has none. */
  service: () => Promise<BindIdentity | null>;
  connection?: ConnectionDeps;
}

type SearchAnswer = { kind: 'found'; dn: string } | { kind: 'none' } | { kind: 'ambiguous' } | { kind: 'refused' };

/**
 * Answers that mean "not for you" rather than "no such user": operationsError
 * (AD's 00002020), strongerAuthRequired, confidentialityRequired,
 * inappropriateAuthentication, insufficientAccessRights, unwillingToPerform
 * (slapd's "authentication required").
 */
const REFUSED = new Set([1, 8, 13, 48, 50, 53]);

/** (&(objectClass=inetOrgPerson)(<upn attribute>=<upn>)): each value its own octet string, escaped in its text form (RFC 4515). */
export function userDnFilter(profile: Pick<LdapProfile, 'upnAttribute'>, upn: string): FilterNode {
  return { and: [openLdapSearch(profile.upnAttribute).userClass, { equals: profile.upnAttribute, value: upn }] };
}

async function searchUpn(session: Session, profile: LdapProfile, upn: string): Promise<SearchAnswer> {
  try {
    const result = await session.client.search(profile.baseDn, {
      scope: 'sub',
      filter: toLdapFilter(userDnFilter(profile, upn)),
      attributes: ['1.1'],
      sizeLimit: 2,
      timeLimit: Math.ceil(profile.timeoutMs / 1000),
    });
    const [first, second] = result.searchEntries;
    if (second) return { kind: 'ambiguous' };
    return first ? { kind: 'found', dn: first.dn } : { kind: 'none' };
  } catch (error) {
    // The base hidden (32) is "sees no such entry"; the others refuse the search itself.
    if (error instanceof ResultCodeError && error.code === 32) return { kind: 'none' };
    if (error instanceof ResultCodeError && REFUSED.has(error.code)) return { kind: 'refused' };
    throw error;
  }
}

/** The service account's password could not be had (the keychain): the profile's problem, said so. */
function serviceUnavailable(error: unknown): unknown {
  if (!(error instanceof DomainError) || !BIND_REFUSAL_CODES.has(error.code)) return error;
  return new DomainError('DIRECTORY_ERROR', error.detail ?? "The profile's service account cannot be used.");
}

/** The service account's search; its own bind refused is the profile's problem, not the agent's password. */
async function serviceSearch(profile: LdapProfile, service: BindIdentity, upn: string, deps: LocateDeps): Promise<SearchAnswer> {
  let bound = false;
  try {
    return await withSession(
      profile,
      service,
      (session) => {
        bound = true;
        return searchUpn(session, profile, upn);
      },
      deps.connection,
    );
  } catch (error) {
    throw bound ? error : serviceBindRefusal(error, service.dn);
  }
}

export async function locateAccount(profile: LdapProfile, upn: string, deps: LocateDeps): Promise<LocatedAccount> {
  if (profile.type === 'ad') return { dn: upn, source: 'upn', how: 'Active Directory binds with the UPN itself' };
  if (profile.userDnTemplate) {
    return { dn: userDnOf(profile, upn), source: 'template', how: `from the template ${profile.userDnTemplate}` };
  }
  const where = `${profile.upnAttribute}=${upn} under ${profile.baseDn}`;
  const anonymous = await withSession(profile, null, (session) => searchUpn(session, profile, upn), deps.connection);
  if (anonymous.kind === 'found') return { dn: anonymous.dn, source: 'anonymous search', how: 'found by an anonymous search' };
  if (anonymous.kind === 'ambiguous') {
    return { dn: null, source: 'anonymous search', how: `more than one entry has ${where} (anonymous search)` };
  }
  const service = await deps.service().catch((error: unknown) => {
    throw serviceUnavailable(error);
  });
  if (service) {
    const answer = await serviceSearch(profile, service, upn, deps);
    const source = 'service account search';
    if (answer.kind === 'found') return { dn: answer.dn, source, how: "found by the service account's search" };
    if (answer.kind === 'ambiguous') return { dn: null, source, how: `more than one entry has ${where} (service account search)` };
    if (answer.kind === 'none') return { dn: null, source, how: `no entry has ${where} (service account search)` };
    throw new DomainError('DIRECTORY_ERROR', `The directory refused the service account's search under ${profile.baseDn}.`);
  }
  const why = anonymous.kind === 'refused' ? 'the server refuses anonymous searches' : `an anonymous search sees no entry with ${where}`;
  return {
    dn: userDnOf(profile, upn),
    source: 'template',
    how: `from the template uid={local},${profile.usersDn} (${why}, and the profile has no service account)`,
  };
}
