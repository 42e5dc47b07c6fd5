/**
 * Active Directory's changes since a cursor, as Microsoft documents polling
 * for them ("Polling for Changes Using the USNChanged Attribute"): the DC's
 * highestCommittedUSN is read first, then every object whose uSNChanged is
 * above the last one. A USN means something only on the DC that gave it, and
 * only for that DC's database (a restore gives it a new invocation ID): a
 * cursor of another DC or invocation ID asks for a full read.
 *
 * Deletions are read from the Deleted Objects container with the Show Deleted
 * control (tombstones keep objectGUID and get a new uSNChanged), where the
 * account may list it: by default only administrators may (an agent sees the
 * container empty, checked on Samba 4.17), and then the replica compares ids
 * as it does for OpenLDAP. A user moved
 * out of the users DN is said removed too, since the replica holds only the
 * users under it. A membership lives on the group, so a user added to or
 * removed from a role group keeps their uSNChanged: when a role group changed,
 * the page carries every role holder instead.
 */
import { Control } from 'ldapts';
import { DomainError } from '../../domain/errors';
import type { ChangePage, ChangesRead } from '../replica-feed';
import { buffer, first, integer, type LdapEntry } from './entry';
import { guidToString } from './ad-mapping';
import { isUnder, normalDn, pagesOf, roleHolders, usersOf, type FeedScope } from './feed-pages';
import type { Session } from './connection';

/** LDAP_SERVER_SHOW_DELETED_OID: a search also returns tombstones. */
export const SHOW_DELETED_OID = '1.2.840.113556.1.4.417';

/** Where changes continue from: the DC (its NTDS Settings DN), its database's invocation ID, its highest committed USN. */
export interface AdCursor {
  dsServiceName: string;
  invocationId: string;
  usn: number;
}

async function baseEntry(session: Session, dn: string, attributes: string[], buffers: string[] = []): Promise<LdapEntry | null> {
  const result = await session.client.search(dn, { scope: 'base', attributes, explicitBufferAttributes: buffers });
  return result.searchEntries[0] ?? null;
}

/** The DC's cursor now: rootDSE's dsServiceName and highestCommittedUSN, then that NTDS Settings object's invocationId. */
export async function adCursorNow(session: Session): Promise<AdCursor> {
  const root = await baseEntry(session, '', ['dsServiceName', 'highestCommittedUSN']);
  const dsServiceName = root ? first(root, 'dsServiceName') : null;
  const usn = root ? integer(root, 'highestCommittedUSN') : null;
  if (!dsServiceName || usn === null) {
    throw new DomainError('DIRECTORY_ERROR', 'The domain controller did not say its highestCommittedUSN and dsServiceName.');
  }
  const ntds = await baseEntry(session, dsServiceName, ['invocationId'], ['invocationId']);
  const id = ntds ? buffer(ntds, 'invocationId') : null;
  if (!id || id.length !== 16) throw new DomainError('DIRECTORY_ERROR', 'The domain controller did not say its invocationId.');
  return { dsServiceName, invocationId: guidToString(id), usn };
}

export function parseAdCursor(text: string): AdCursor | null {
  try {
    const value = JSON.parse(text) as Partial<AdCursor>;
    if (typeof value.dsServiceName !== 'string' || typeof value.invocationId !== 'string') return null;
    if (typeof value.usn !== 'number' || !Number.isSafeInteger(value.usn) || value.usn < 0) return null;
    return { dsServiceName: value.dsServiceName, invocationId: value.invocationId, usn: value.usn };
  } catch {
    return null;
  }
}

/** Why a cursor cannot be continued on the DC as it is now, or null when it can. */
function whyFull(was: AdCursor, now: AdCursor): string | null {
  if (normalDn(was.dsServiceName) !== normalDn(now.dsServiceName)) {
    return `another domain controller answered (${now.dsServiceName}, the cursor is of ${was.dsServiceName})`;
  }
  if (was.invocationId.toLowerCase() !== now.invocationId.toLowerCase()) {
    return `the domain controller's invocation ID changed (a restore): ${was.invocationId} → ${now.invocationId}`;
  }
  if (now.usn < was.usn) return `the domain controller's highest committed USN went back (${was.usn} → ${now.usn})`;
  return null;
}

/** Whether any role group's uSNChanged is at `from` or above, or a role group is gone (its members lost that role). */
async function roleGroupChanged(session: Session, groups: string[], from: number): Promise<boolean> {
  for (const dn of groups) {
    const group = await baseEntry(session, dn, ['uSNChanged']).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 32) return null; // noSuchObject
      throw error;
    });
    if (!group || (integer(group, 'uSNChanged') ?? 0) >= from) return true;
  }
  return false;
}

/** The domain's Deleted Objects container, by its well-known GUID (GUID_DELETED_OBJECTS_CONTAINER_W). */
function deletedObjects(baseDn: string): string {
  return `<WKGUID=18e2ea80684f11d2b9aa00c04f79f805,${baseDn}>`;
}

const showDeleted = () => new Control(SHOW_DELETED_OID, { critical: true });

function refusedShowDeleted(error: unknown): unknown {
  if ((error as { code?: unknown }).code !== 12) return error;
  return new DomainError('DIRECTORY_ERROR', 'The domain controller refused the Show Deleted control: deleted users cannot be read.');
}

/**
 * Whether this account sees tombstones. By default only administrators may
 * list Deleted Objects (others see the container, empty): without that right
 * deletions are found by comparing ids. A domain with no tombstone at all
 * reads as false too, which costs a comparison, never a lost deletion.
 */
export async function tombstonesVisible(session: Session, baseDn: string): Promise<boolean> {
  try {
    const result = await session.client.search(
      deletedObjects(baseDn),
      { scope: 'one', filter: '(isDeleted=TRUE)', attributes: ['1.1'], sizeLimit: 1 },
      showDeleted(),
    );
    return result.searchEntries.length > 0;
  } catch (error) {
    if ((error as { code?: unknown }).code === 4) return true; // more than one
    if ((error as { code?: unknown }).code === 32) return false; // no such container here
    throw refusedShowDeleted(error);
  }
}

async function deletedIds(scope: FeedScope, from: number, onPage: (page: ChangePage) => Promise<void>): Promise<void> {
  const search = {
    base: deletedObjects(scope.profile.baseDn),
    // Tombstones keep objectClass and objectGUID (objectCategory is stripped); computers among them are ids the replica never held.
    filter: { and: [{ equals: 'isDeleted', value: 'TRUE' }, { equals: 'objectClass', value: 'user' }, { atLeast: 'uSNChanged', value: String(from) }] },
    attributes: ['objectGUID'],
    buffers: ['objectGUID'],
    controls: [showDeleted()],
  };
  try {
    for await (const entries of pagesOf(scope, search)) {
      const removedIds = entries.flatMap((entry) => {
        const guid = buffer(entry, 'objectGUID');
        return guid && guid.length === 16 ? [guidToString(guid)] : [];
      });
      if (removedIds.length > 0) await onPage({ changed: [], removedIds });
    }
  } catch (error) {
    throw refusedShowDeleted(error);
  }
}

/** Users and deletions since `cursorText`, in pages; `{ full }` when the cursor is of another DC or database. */
export async function readAdChanges(
  scope: FeedScope,
  cursorText: string,
  onPage: (page: ChangePage) => Promise<void>,
  withTombstones: boolean,
): Promise<ChangesRead> {
  const was = parseAdCursor(cursorText);
  if (!was) return { full: 'the cursor is not an Active Directory cursor' };
  // Read first: whatever commits from here on is above it, and read again next time.
  const now = await adCursorNow(scope.session);
  const why = whyFull(was, now);
  if (why) return { full: why };
  const from = was.usn + 1;
  const { profile, schema } = scope;
  // Under the whole base: a user moved out of the users DN is seen, and removed.
  const changes = { and: [schema.search.userClass, { atLeast: 'uSNChanged', value: String(from) }] };
  for await (const entries of pagesOf(scope, { base: profile.baseDn, filter: changes, attributes: schema.attributes, buffers: schema.explicitBuffers })) {
    const inside = entries.filter((entry) => isUnder(entry.dn, profile.usersDn));
    const changed = await usersOf(scope, inside);
    const kept = new Set(changed.map((user) => user.id));
    const removedIds = entries.flatMap((entry) => {
      const guid = buffer(entry, 'objectGUID');
      const id = guid && guid.length === 16 ? guidToString(guid) : null;
      return id && !kept.has(id) ? [id] : [];
    });
    if (changed.length > 0 || removedIds.length > 0) await onPage({ changed, removedIds });
  }
  if (withTombstones) await deletedIds(scope, from, onPage);
  if (await roleGroupChanged(scope.session, Object.keys(profile.roleGroups), from)) {
    await onPage({ changed: [], removedIds: [], roleHolders: await roleHolders(scope, schema.attributes) });
  }
  return { cursor: JSON.stringify(now) };
}
