/**
 * The Global Administrators of an LDAP directory: the members of the groups
 * the profile maps to that role (roleGroups), read the way a user's roles are
 * (memberOf, direct membership), enabled ones only, at most
 * MAX_NOTIFIED_ADMINISTRATORS. Searched under the base DN, not the users DN:
 * administrators often live apart from the users they help.
 */
import { ROLES } from '../../domain/roles';
import type { DirectoryUser } from '../../domain/types';
import { MAX_NOTIFIED_ADMINISTRATORS } from '../administrators';
import type { AdministratorContact } from '../directory';
import type { Session } from './connection';
import { first, type LdapEntry } from './entry';
import { toLdapFilter, type FilterNode } from './filter';
import type { LdapProfile } from './profile';
import type { DirectorySchema } from './schema';

/** The group DNs the profile maps to Global Administrator. */
export function globalAdministratorGroups(profile: Pick<LdapProfile, 'roleGroups'>): string[] {
  return Object.entries(profile.roleGroups)
    .filter(([, role]) => role === ROLES.globalAdministrator)
    .map(([dn]) => dn);
}

/** Paged, so disabled members skipped early cannot crowd enabled ones out of the cap. */
const PAGE_SIZE = 200;

export async function findGlobalAdministrators(
  session: Session,
  profile: LdapProfile,
  schema: DirectorySchema,
  map: (entry: LdapEntry) => Promise<DirectoryUser | null>,
): Promise<AdministratorContact[]> {
  const groups = globalAdministratorGroups(profile);
  if (groups.length === 0) return [];
  const filter: FilterNode = {
    and: [schema.search.userClass, { or: groups.map((dn): FilterNode => ({ equals: 'memberOf', value: dn })) }],
  };
  const found = new Map<string, AdministratorContact>();
  for await (const chunk of session.client.searchPaginated(profile.baseDn, {
    scope: 'sub',
    filter: toLdapFilter(filter),
    attributes: schema.attributes,
    explicitBufferAttributes: schema.explicitBuffers,
    paged: { pageSize: PAGE_SIZE },
  })) {
    for (const entry of chunk.searchEntries) {
      const user = await map(entry);
      // The mapped roles say it again: the profile's mapping, compared as sign-in compares it.
      if (!user || !user.enabled || !user.roles.includes(ROLES.globalAdministrator)) continue;
      // The raw attribute: a provider may mask the user's mail where it is also a verification method.
      const mail = first(entry, 'mail');
      found.set(user.id, { upn: user.upn, displayName: user.displayName, mail: mail && mail.trim() !== '' ? mail.trim() : null });
    }
    if (found.size >= MAX_NOTIFIED_ADMINISTRATORS) break;
  }
  return [...found.values()].sort((a, b) => a.upn.localeCompare(b.upn)).slice(0, MAX_NOTIFIED_ADMINISTRATORS);
}
