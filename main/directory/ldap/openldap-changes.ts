/**
 * OpenLDAP's changes since a cursor: every user whose entryCSN is at the
 * cursor or above (slapd stamps entryCSN, to the microsecond, on every add,
 * modify and modrdn; with `olcDbIndex: entryCSN eq` back-mdb answers the range
 * from that index, in proportion to the changes).
 *
 * The cursor is a CSN that no change still to be read can be below:
 * - with syncprov, the naming context's contextCSN (slapd moves it only once
 *   every change up to it is committed), read before the read;
 * - without it (no server clock to ask), it is worked out from what the read
 *   saw: the highest entryCSN seen, less the read's own duration (a change
 *   made during the read is stamped after the read began, which is at most
 *   that long before the last entry was stamped), less a margin for writes in
 *   flight and replication between providers. Entries in that window are read
 *   again: the replica upserts them. The margin shrinks as the highest CSN
 *   ages on this side's clock (the cursor remembers when it was first seen):
 *   a write in flight then has long landed, so a directory with no new
 *   changes is not read again and again over its last two minutes of
 *   changes (after a bulk load, that was every entry at every sync). The
 *   first sync after a full read still reads that window once.
 *
 * The memberof overlay (slapd 2.5) writes memberOf without moving the
 * member's entryCSN or modifyTimestamp (checked on the test slapd): when a
 * role group changed, the page carries every role holder, as AD's does.
 * Deletions are not in the changes: the replica compares every entryUUID.
 */
import { performance } from 'node:perf_hooks';
import type { ChangePage, ChangesRead } from '../replica-feed';
import { first, values, type LdapEntry } from './entry';
import { isUnder, pagesOf, roleHolders, usersOf, type FeedScope } from './feed-pages';
import type { Session } from './connection';

/** How far before the computed point a cursor is set: writes in flight, replication between providers. */
export const CSN_MARGIN_MS = 120_000;

export interface OpenLdapCursor {
  /** A CSN (or its time part, as a CSN): changes are those with entryCSN at or above it. */
  csn: string;
  /** The highest entryCSN seen so far, and when this side first saw it (ms): how much of the margin is left. */
  highest?: string;
  highestSeenAt?: number;
}

const CSN_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})Z#/;

/** A CSN's time in microseconds since 1970 (CSNs carry microseconds), or null when it is no CSN. */
export function csnMicros(csn: string): number | null {
  const m = CSN_TIME.exec(csn);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, us] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isFinite(ms) ? ms * 1000 + Number(us) : null;
}

/** The lowest CSN of a time (count, server id and modification number 0): at or below every CSN stamped then. */
export function csnAt(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  const us = String(micros - whole * 1_000_000).padStart(6, '0');
  const time = new Date(whole * 1000).toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, '');
  return `${time}.${us}Z#000000#000#000000`;
}

export function parseOpenLdapCursor(text: string): OpenLdapCursor | null {
  try {
    const value = JSON.parse(text) as Partial<OpenLdapCursor>;
    if (typeof value.csn !== 'string' || csnMicros(value.csn) === null) return null;
    const seen = typeof value.highest === 'string' && csnMicros(value.highest) !== null && typeof value.highestSeenAt === 'number';
    return seen ? { csn: value.csn, highest: value.highest!, highestSeenAt: value.highestSeenAt! } : { csn: value.csn };
  } catch {
    return null;
  }
}

/**
 * The naming context's contextCSN where syncprov keeps one: the lowest of its
 * values (one a provider), so that a change still on its way from another
 * provider is above it. Null without syncprov.
 */
export async function contextCsn(session: Session, usersDn: string): Promise<string | null> {
  const root = await session.client.search('', { scope: 'base', attributes: ['namingContexts'] });
  const contexts = root.searchEntries[0] ? values(root.searchEntries[0], 'namingContexts') : [];
  // The longest naming context the users DN is under: its database holds them.
  const context = contexts.filter((dn) => dn !== '' && isUnder(usersDn, dn)).sort((a, b) => b.length - a.length)[0];
  if (!context) return null;
  const entry = (await session.client.search(context, { scope: 'base', attributes: ['contextCSN'] })).searchEntries[0];
  const csns = entry ? values(entry, 'contextCSN').filter((csn) => csnMicros(csn) !== null) : [];
  return csns.length > 0 ? csns.sort()[0]! : null;
}

/**
 * Works out a cursor from the entryCSNs a read saw (see the file's comment):
 * `see` each entry as it is read, then `next(was)`, never below the last cursor.
 * `now`: this side's clock, for how long the highest CSN has been seen.
 */
export class CsnWatermark {
  readonly #started = performance.now();
  readonly #now: () => number;
  readonly #startedAt: number;
  #highest: number | null = null;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#startedAt = now();
  }

  see(entry: LdapEntry): void {
    const csn = first(entry, 'entryCSN');
    const micros = csn ? csnMicros(csn) : null;
    if (micros !== null && (this.#highest === null || micros > this.#highest)) this.#highest = micros;
  }

  /** The cursor after the read, from the last one (null: a full read); null when neither saw any entry. */
  next(was: OpenLdapCursor | null): OpenLdapCursor | null {
    const before = was?.highest ? csnMicros(was.highest) : null;
    const fresh = this.#highest !== null && (before === null || this.#highest > before);
    const highest = fresh ? this.#highest : before;
    if (highest === null) return was;
    // A CSN first seen in this read gets the whole margin; one seen earlier, what is left of it.
    const seenAt = fresh || was?.highestSeenAt === undefined ? this.#startedAt : was.highestSeenAt;
    const marginMicros = Math.max(0, CSN_MARGIN_MS - (this.#now() - seenAt)) * 1000;
    // Only a CSN stamped during this read can be above a change made during it that the read had already passed;
    // one seen before this read began is below every change made since (slapd stamps with its clock).
    const elapsedMicros = fresh ? Math.ceil((performance.now() - this.#started) * 1000) : 0;
    const computed = Math.max(0, highest - elapsedMicros - marginMicros);
    const floor = was ? (csnMicros(was.csn) ?? 0) : 0;
    return { csn: computed > floor ? csnAt(computed) : was!.csn, highest: csnAt(highest), highestSeenAt: seenAt };
  }
}

/** Users changed since the cursor, in pages; role holders when a role group changed. */
export async function readOpenLdapChanges(
  scope: FeedScope,
  cursorText: string,
  onPage: (page: ChangePage) => Promise<void>,
): Promise<ChangesRead> {
  const was = parseOpenLdapCursor(cursorText);
  if (!was) return { full: 'the cursor is not an OpenLDAP cursor' };
  const { profile, schema } = scope;
  // syncprov's own high-water mark, read first; else one worked out from what this read sees.
  const context = await contextCsn(scope.session, profile.usersDn);
  const watermark = new CsnWatermark();
  const attributes = [...schema.attributes, 'entryCSN'];
  const since = { atLeast: 'entryCSN', value: was.csn };
  for await (const entries of pagesOf(scope, { base: profile.usersDn, filter: { and: [schema.search.userClass, since] }, attributes })) {
    entries.forEach((entry) => watermark.see(entry));
    const changed = await usersOf(scope, entries);
    const kept = new Set(changed.map((user) => user.id));
    // An entry that no longer maps (its UPN attribute removed) leaves the replica.
    const removedIds = entries.flatMap((entry) => {
      const id = first(entry, 'entryUUID');
      return id && !kept.has(id) ? [id] : [];
    });
    if (changed.length > 0 || removedIds.length > 0) await onPage({ changed, removedIds });
  }
  if (await roleGroupChanged(scope, was.csn, watermark)) {
    await onPage({ changed: [], removedIds: [], roleHolders: await roleHolders(scope, attributes) });
  }
  const next: OpenLdapCursor = context ? { csn: context } : (watermark.next(was) ?? was);
  return { cursor: JSON.stringify(next) };
}

/** Whether a role group's entryCSN is at the cursor or above, or a role group is gone (its members lost that role). */
async function roleGroupChanged(scope: FeedScope, csn: string, watermark: CsnWatermark): Promise<boolean> {
  let changed = false;
  for (const dn of Object.keys(scope.profile.roleGroups)) {
    const result = await scope.session.client.search(dn, { scope: 'base', attributes: ['entryCSN'] }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 32) return { searchEntries: [] as LdapEntry[] };
      throw error;
    });
    const group = result.searchEntries[0];
    if (!group) {
      changed = true;
      continue;
    }
    watermark.see(group);
    if ((first(group, 'entryCSN') ?? '') >= csn) changed = true;
  }
  return changed;
}
