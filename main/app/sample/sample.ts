/**
 * A realistic sample tenant, "Contoso", built purely from (size, seed): no I/O, no clock. The loader
 * inserts it and gives the agents random passwords. Only `lockedUntil` depends on `options.now`.
 * Users are made one at a time as they are iterated (sampleTenant().users()), so a million-user
 * sample never sits in memory: what is kept is only what must be global, the claimed UPNs (as
 * hashes: claimed-names.ts), the next suffix of each name and the one-byte-per-user plan of
 * kinds and states (sample-plan.ts).
 * Domains: contoso.com (managed, default: cloud members), contoso.onmicrosoft.com (managed, initial:
 * `#EXT#` UPNs of guests and External Azure AD users), corp.contoso.com (managed) and
 * partners.contoso.com (federated), both synced from on-premises AD. Agents hold one role each: every
 * role in ROLES (Security Administrator stands for "any other role"). Example users: SAMPLE_EXAMPLES.
 */
import { DEFAULT_TENANT_EXTRAS, DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY } from '../../domain/types';
import type { GuestHome, TenantSettings } from '../../domain/types';
import { ROLES } from '../../domain/roles';
import {
  AGENT_FOR_ROLE, ALL_STAFF, DEPARTMENTS, DEVICE_NAMES, EXAMPLE_MEMBERS, EXAMPLE_OUTSIDERS, EXTERNAL_GROUP, FIRST_NAMES,
  GROUPS, GUEST_TITLES, LAST_NAMES, OUTSIDE_ORGS, PERSONAL_MAIL_DOMAINS, US_AREA_CODES, teamGroup,
} from './sample-names';
import type { AgentSpec, SampleKind as Kind } from './sample-names';
import { ClaimedNames } from './claimed-names';
import { STATE, planGenerated } from './sample-plan';
import { Gen, createPrng } from './sample-random';
import { SAMPLE_AGENT_ROLES, SAMPLE_EXAMPLES, SAMPLE_SIZE } from '../../domain/sample-size';

export { createPrng } from './sample-random';

export type { NewAuthMethod, NewUser } from '../../domain/new-user';
import type { NewAuthMethod, NewUser } from '../../domain/new-user';

/** An account that gets a random password at load time; it is also one of the tenant's users. */
export interface SampleAgent { upn: string; displayName: string; roles: string[] }

/** A tenant to load: everything but its users is small and at hand; the users are made as they are read. */
export interface SampleTenant {
  settings: Omit<TenantSettings, 'tenantId'> & { tenantId: string };
  agents: SampleAgent[]; groups: { name: string; description: string }[];
  /** How many users users() yields. */
  size: number;
  /** Every user, agents first, each made when the iteration reaches it; every call starts over and yields the same users. */
  users(): Iterable<NewUser>;
}

/** A sample tenant with its users collected in memory: for tests and fixtures at small sizes. */
export type CollectedSampleTenant = Omit<SampleTenant, 'users'> & { users: NewUser[] };

export const SAMPLE_DOMAINS = {
  cloud: 'contoso.com', initial: 'contoso.onmicrosoft.com', syncedManaged: 'corp.contoso.com', syncedFederated: 'partners.contoso.com',
} as const;

export { SAMPLE_EXAMPLES, SECURITY_ADMINISTRATOR } from '../../domain/sample-size';

const BASE_DATE_MS = Date.UTC(2026, 0, 1);
const MAX_AGE_SECONDS = 3 * 365 * 24 * 3600;

/** The state shared by all users: the UPNs claimed so far (lower-cased), and where each suffix sequence stands. */
interface Ctx { gen: Gen; now: Date; upns: ClaimedNames; nextSuffix: Map<string, number> }

/** Names come from short lists: fold each one once, not once per user of a million. */
const slugs = new Map<string, string>();

/** ASCII form of a name for addresses: "Søren" → "soren", "O'Brien" → "obrien", "de Vries" → "devries". */
function slug(name: string): string {
  const known = slugs.get(name);
  if (known !== undefined) return known;
  const folded = name.replace(/ß/g, 'ss').replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae').replace(/[łŁ]/g, 'l').replace(/[đĐ]/g, 'd');
  const ascii = folded.replace(/ı/g, 'i').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9-]/g, '');
  slugs.set(name, ascii);
  return ascii;
}

/**
 * Claims the first free UPN among make(''), make('2'), make('3')... (case-insensitively); an exact UPN
 * must be free. Each sequence (named by its first UPN) remembers the next number to try, since the
 * earlier ones are taken for good: with a million users from a few hundred names, the 20th John Smith
 * costs one probe instead of twenty (probing from '' made claiming UPNs 60% of a million-user build).
 */
function claimUpn(ctx: Ctx, make: (suffix: string) => string, exact = false): string {
  const sequence = exact ? '' : make('').toLowerCase();
  for (let n = exact ? 1 : (ctx.nextSuffix.get(sequence) ?? 1); ; n++) {
    const upn = make(n === 1 ? '' : String(n));
    if (ctx.upns.claim(upn.toLowerCase())) {
      if (!exact) ctx.nextSuffix.set(sequence, n + 1);
      return upn;
    }
    if (exact) throw new Error(`sample UPN ${upn} is already taken`);
  }
}

/**
 * 122 random bits: at a million users a repeat has odds near 1e-25, so ids are not
 * remembered to check (that set alone would hold 36 MB of strings); the table's UNIQUE
 * constraint would still refuse one rather than store it twice.
 */
const newId = (ctx: Ctx): string => ctx.gen.uuid();

const iso = (ms: number): string => new Date(ms).toISOString();

function accountDates(gen: Gen, hasPassword: boolean): { createdAt: string; passwordLastSet: string | null } {
  const created = BASE_DATE_MS - gen.int(MAX_AGE_SECONDS) * 1000;
  const lastSet = created + gen.int((BASE_DATE_MS - created) / 1000) * 1000;
  return { createdAt: iso(created), passwordLastSet: hasPassword ? iso(lastSet) : null };
}

function phone(gen: Gen): string {
  if (gen.chance(0.15)) return `+44 20 7946 0${String(gen.int(1000)).padStart(3, '0')}`;
  return `+1 ${gen.pick(US_AREA_CODES)} 555 01${String(gen.int(100)).padStart(2, '0')}`;
}

function personalMail(gen: Gen, given: string, surname: string): string {
  const number = gen.chance(0.5) ? String(gen.between(1, 99)) : '';
  return `${slug(given)}.${slug(surname)}${number}@${gen.pick(PERSONAL_MAIL_DOMAINS)}`;
}

/** The account state every new user starts from: enabled, unlocked, no flags. */
const CLEAN_STATE = {
  adminCount: 0, enabled: true, passwordNeverExpires: false, forceChangeNextSignIn: false,
  lockedUntil: null, failedAttempts: 0, lockoutCount: 0,
} as const;

interface MemberSpec {
  given: string; surname: string; source: 'cloud' | 'onPremises'; domain: string; department: string; jobTitle: string;
  /** A fixed UPN; otherwise first.last@domain with a numeric suffix on collision. */
  upn?: string;
  /** random: a realistic draw; full: phone, alternate email and app (admins need two); none: unregistered. */
  methods?: 'random' | 'full' | 'none';
  roles?: string[];
}

/** A member homed in Contoso (cloud or synced), enabled and unlocked. */
function member(ctx: Ctx, spec: MemberSpec): NewUser {
  const { gen } = ctx;
  const methods = spec.methods ?? 'random';
  const full = methods === 'full';
  const local = `${slug(spec.given)}.${slug(spec.surname)}`;
  const upn = spec.upn === undefined
    ? claimUpn(ctx, (suffix) => `${local}${suffix}@${spec.domain}`)
    : claimUpn(ctx, () => spec.upn ?? '', true);
  const id = newId(ctx);
  const mobilePhone = full || (methods === 'random' && gen.chance(0.85)) ? phone(gen) : null;
  const businessPhone = gen.chance(0.55) ? phone(gen) : null;
  const authMethods: NewAuthMethod[] = [];
  if (methods !== 'none') {
    if (mobilePhone !== null && (full || gen.chance(0.92))) authMethods.push({ kind: 'mobilePhone', value: mobilePhone });
    if (full || gen.chance(0.5)) authMethods.push({ kind: 'alternateEmail', value: personalMail(gen, spec.given, spec.surname) });
    if (businessPhone !== null && (full || gen.chance(0.35))) authMethods.push({ kind: 'officePhone', value: businessPhone });
    if (full || gen.chance(0.35)) authMethods.push({ kind: 'authenticatorApp', value: gen.pick(DEVICE_NAMES) });
  }
  const groups = [ALL_STAFF, teamGroup(spec.department)];
  if (gen.chance(0.3)) groups.push('VPN Users');
  if (gen.chance(0.15)) groups.push('Remote Workers');
  if (DEPARTMENTS.some((d) => d.name === spec.department && d.titles[0] === spec.jobTitle)) groups.push('Managers');
  return {
    id, upn, displayName: `${spec.given} ${spec.surname}`, givenName: spec.given, surname: spec.surname, mail: upn,
    mobilePhone, businessPhone, department: spec.department, jobTitle: spec.jobTitle,
    source: spec.source, userType: 'member', guestHome: null, ...CLEAN_STATE, ...accountDates(gen, true),
    roles: spec.roles ?? [], groups, authMethods,
  };
}

interface OutsiderSpec {
  kind: GuestHome | 'externalAzureAD'; given: string; surname: string; org: { domain: string; label: string };
  /** The local part of the external address; random users get one from their name. */
  localPart?: string;
}

/**
 * A user whose account lives elsewhere: a guest from another home (source cloud), or an
 * External Azure AD member. UPN `alice_fabrikam.com#EXT#@contoso.onmicrosoft.com`; mail is
 * the external address; no password here (passwordLastSet null), no methods.
 */
function outsider(ctx: Ctx, spec: OutsiderSpec): NewUser {
  const { gen } = ctx;
  const [g, s] = [slug(spec.given), slug(spec.surname)];
  const consumer = spec.kind === 'microsoftAccount' || spec.kind === 'google';
  const local = spec.localPart ?? (consumer
    ? `${g}.${s}${gen.chance(0.5) ? String(gen.between(1, 99)) : ''}`
    : gen.pick([`${g}.${s}`, `${g}${s.slice(0, 1)}`, `${g.slice(0, 1)}${s}`]));
  let address = '';
  const upn = claimUpn(ctx, (suffix) => {
    address = `${local}${suffix}@${spec.org.domain}`;
    return `${address.replace('@', '_')}#EXT#@${SAMPLE_DOMAINS.initial}`;
  }, spec.localPart !== undefined);
  const id = newId(ctx);
  const department = gen.chance(consumer ? 0.05 : 0.25) ? gen.weighted(DEPARTMENTS, (d) => d.weight).name : null;
  const external = spec.kind === 'externalAzureAD';
  return {
    id, upn, displayName: `${spec.given} ${spec.surname} (${spec.org.label})`,
    givenName: consumer ? null : spec.given, surname: consumer ? null : spec.surname, mail: address,
    mobilePhone: gen.chance(0.3) ? phone(gen) : null,
    businessPhone: !consumer && gen.chance(0.3) ? phone(gen) : null,
    department, jobTitle: !consumer && gen.chance(0.6) ? gen.pick(GUEST_TITLES) : null,
    source: external ? 'externalAzureAD' : 'cloud', userType: external ? 'member' : 'guest', guestHome: spec.kind === 'externalAzureAD' ? null : spec.kind,
    ...CLEAN_STATE, ...accountDates(gen, false),
    roles: [], groups: department === null ? [EXTERNAL_GROUP] : [EXTERNAL_GROUP, teamGroup(department)], authMethods: [],
  };
}

/** One agent per role in ROLES, in SAMPLE_AGENT_ROLES' order (Security Administrator is the "any other role" one). */
const ROLE_KEYS = Object.keys(ROLES) as (keyof typeof ROLES)[];
const AGENT_SPECS: readonly [AgentSpec, string][] = SAMPLE_AGENT_ROLES.map((role): [AgentSpec, string] => {
  const key = ROLE_KEYS.find((k) => ROLES[k] === role)!;
  return [AGENT_FOR_ROLE[key], role];
});

/** The agents, known without making any user: their UPNs, names and roles are fixed. */
const agentOf = ([spec, role]: [AgentSpec, string]): SampleAgent =>
  ({ upn: `${spec.local}@${SAMPLE_DOMAINS.cloud}`, displayName: `${spec.given} ${spec.surname}`, roles: [role] });

/**
 * How many agents the sample had before issue 16 added Global Reader and Security Reader: the
 * agents after them draw from a stream of their own, so every other user a seed made stays the
 * same (tests and screenshots name the example users' contact details).
 */
const EARLIER_AGENTS = 15;

function buildAgents(ctx: Ctx, seed: number): NewUser[] {
  const { cloud } = SAMPLE_DOMAINS;
  const later: Ctx = { ...ctx, gen: new Gen(createPrng(seed + 0x16_0000)) };
  return AGENT_SPECS.map((entry, index) => {
    const [spec] = entry;
    const { upn, roles } = agentOf(entry);
    const user = member(index < EARLIER_AGENTS ? ctx : later, { ...spec, upn, source: 'cloud', domain: cloud, department: 'IT', jobTitle: spec.title, methods: 'full', roles });
    if (!user.groups.includes('VPN Users')) user.groups.push('VPN Users');
    return user;
  });
}

function buildSpecials(ctx: Ctx): NewUser[] {
  const [E, P, O] = [SAMPLE_EXAMPLES, EXAMPLE_MEMBERS, EXAMPLE_OUTSIDERS];
  const cloud = { source: 'cloud', domain: SAMPLE_DOMAINS.cloud, methods: 'full' } as const;
  const corp = { source: 'onPremises', domain: SAMPLE_DOMAINS.syncedManaged, methods: 'full' } as const;
  const partners = { source: 'onPremises', domain: SAMPLE_DOMAINS.syncedFederated, methods: 'full' } as const;
  const lockedUntil = iso(ctx.now.getTime() + 3600_000);
  return [
    member(ctx, { ...cloud, ...P.cloudMember, upn: E.cloudMember }),
    member(ctx, { ...corp, ...P.syncedManaged, upn: E.syncedManaged }),
    member(ctx, { ...partners, ...P.syncedFederated, upn: E.syncedFederated }),
    { ...member(ctx, { ...corp, ...P.syncedAdminCount, upn: E.syncedAdminCount }), adminCount: 1 },
    { ...member(ctx, { ...corp, ...P.passwordNeverExpiresSynced, upn: E.passwordNeverExpiresSynced }), passwordNeverExpires: true },
    outsider(ctx, O.guestOtherTenant),
    outsider(ctx, O.guestMicrosoftAccount),
    outsider(ctx, O.guestGoogle),
    { ...member(ctx, { ...cloud, ...P.localGuest, upn: E.localGuest }), userType: 'guest', groups: [EXTERNAL_GROUP, teamGroup('Facilities')] },
    outsider(ctx, O.externalAzureAD),
    { ...member(ctx, { ...cloud, ...P.disabled, upn: E.disabled }), enabled: false },
    { ...member(ctx, { ...cloud, ...P.locked, upn: E.locked }), lockedUntil, failedAttempts: 0, lockoutCount: 1 },
    member(ctx, { ...cloud, ...P.unregistered, upn: E.unregistered, methods: 'none' }),
  ];
}

const MEMBER_DOMAIN = { cloud: SAMPLE_DOMAINS.cloud, syncedManaged: SAMPLE_DOMAINS.syncedManaged, syncedFederated: SAMPLE_DOMAINS.syncedFederated };

/** A generated user of `kind`; a member gets the states its plan gave it (`has`). */
function randomUser(ctx: Ctx, kind: Kind, has: (state: number) => boolean): NewUser {
  const { gen } = ctx;
  const given = gen.pick(FIRST_NAMES);
  const surname = gen.pick(LAST_NAMES);
  if (kind !== 'cloud' && kind !== 'syncedManaged' && kind !== 'syncedFederated') {
    return outsider(ctx, { kind, given, surname, org: gen.pick(OUTSIDE_ORGS[kind]) });
  }
  const dept = gen.weighted(DEPARTMENTS, (d) => d.weight);
  const user = member(ctx, {
    given, surname, department: dept.name,
    source: kind === 'cloud' ? 'cloud' : 'onPremises',
    domain: MEMBER_DOMAIN[kind],
    // One manager title among several per department: managers are rarer.
    jobTitle: gen.chance(0.12) ? (dept.titles[0] ?? '') : gen.pick(dept.titles.slice(1)),
  });
  user.failedAttempts = gen.chance(0.08) ? gen.between(1, 6) : 0;
  user.lockoutCount = gen.chance(0.04) ? 1 : 0;
  if (has(STATE.disabled)) user.enabled = false;
  if (has(STATE.neverExpires)) user.passwordNeverExpires = true;
  if (has(STATE.mustChange)) user.forceChangeNextSignIn = true;
  if (has(STATE.protected)) user.adminCount = 1;
  if (has(STATE.locked)) {
    Object.assign(user, { lockedUntil: iso(ctx.now.getTime() + gen.between(15, 180) * 60_000), failedAttempts: 0, lockoutCount: gen.between(1, 3) });
  }
  return user;
}

/** The generated users, one at a time, after the plan that fixes their kinds and states. */
function* generatedUsers(ctx: Ctx, n: number): Generator<NewUser> {
  const plan = planGenerated(ctx.gen, n);
  for (let i = 0; i < n; i++) yield randomUser(ctx, plan.kindOf(i), (state) => plan.has(i, state));
}

/** Every user of the sample, in load order: agents, the examples, the generated users. */
function* sampleUsers(size: number, seed: number, now: Date): Generator<NewUser> {
  const ctx: Ctx = { gen: new Gen(createPrng(seed)), now, upns: new ClaimedNames(), nextSuffix: new Map() };
  ctx.gen.uuid(); // the tenant id (sampleTenant) is the first draw: the users follow it
  yield* buildAgents(ctx, seed);
  yield* buildSpecials(ctx);
  yield* generatedUsers(ctx, size - SAMPLE_SIZE.min);
}

/**
 * The sample tenant for (size, seed); `now` only anchors lockouts. Nothing is generated until
 * users() is iterated. Throws RangeError outside SAMPLE_SIZE (the CLI and the IPC contract refuse those sizes first).
 */
export function sampleTenant(options: { size: number; seed: number; now: Date }): SampleTenant {
  const { size, seed, now } = options;
  if (!Number.isInteger(size) || size < SAMPLE_SIZE.min || size > SAMPLE_SIZE.max) {
    const why = `${SAMPLE_SIZE.min} (${SAMPLE_AGENT_ROLES.length} agents + ${Object.keys(SAMPLE_EXAMPLES).length} example users) to ${SAMPLE_SIZE.max}`;
    throw new RangeError(`Sample size must be an integer from ${why}`);
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError('Sample "now" must be a valid Date');
  const tenantId = new Gen(createPrng(seed)).uuid();
  const domain = (name: string, type: 'managed' | 'federated', isDefault = false) => ({ name, type, isDefault });
  return {
    settings: {
      tenantId, name: 'Contoso',
      domains: [
        domain(SAMPLE_DOMAINS.cloud, 'managed', true), domain(SAMPLE_DOMAINS.initial, 'managed'),
        domain(SAMPLE_DOMAINS.syncedManaged, 'managed'), domain(SAMPLE_DOMAINS.syncedFederated, 'federated'),
      ],
      passwordWriteback: true, temporaryPasswordLifetimeDays: null,
      passwordPolicy: { ...DEFAULT_PASSWORD_POLICY }, lockoutPolicy: { ...DEFAULT_LOCKOUT_POLICY }, ...DEFAULT_TENANT_EXTRAS,
    },
    agents: AGENT_SPECS.map(agentOf), groups: GROUPS.map((g) => ({ ...g })), size,
    users: () => sampleUsers(size, seed, now),
  };
}

/** The same tenant with every user made up front and held: for tests and fixtures, not for a million. */
export function buildSampleTenant(options: { size: number; seed: number; now: Date }): CollectedSampleTenant {
  const { users, ...tenant } = sampleTenant(options);
  return { ...tenant, users: [...users()] };
}
