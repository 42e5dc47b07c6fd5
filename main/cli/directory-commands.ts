/**
 * `resetdesk directory add|list|test|remove`: connection profiles for Active
 * Directory and OpenLDAP, kept in the local file (made on first use: a fresh
 * install needs no `init`). Other commands use a profile with --directory NAME.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { initDirectory } from '../app/init-directory';
import { domainOfBaseDn, openServices, serviceAccountKey } from '../app/open-services';
import { isUnusableProfile, ldapUsers, loadProfile, readProfile, storedProfileOf } from '../app/ldap-users';
import { buildServices } from '../app/build-services';
import { cliServiceOptions } from './service-options';
import { testDirectory } from '../app/directory-test';
import { openFeed } from '../app/replica/open-feed';
import { LDAP_TYPES, parseLdapProfile, signInDnRule, verificationAttributes, type LdapProfile } from '../directory/ldap/profile';
import { DirectoryStore } from '../directory/sqlite/store';
import { KIND_WORDS } from '../directory/directory';
import { DomainError } from '../domain/errors';
import { ROLES } from '../domain/roles';
import { Secret } from '../domain/secret';
import { SecretStoreUnavailableError, openSecretStore } from '../secrets/secret-store';
import { closeServices, type Services } from '../app/services';
import { changeProfiles, removingInUse, type ProfileChange } from '../app/profile-changes';
import { resolveDbPath } from '../app/paths';
import { positional, type ParsedArgs } from './args';
import { agentFor, readAs, withServices, type CommandContext, type CommandOutput } from './context';
import { parseInput, upnSchema } from '../domain/validation';

type Command = (ctx: CommandContext) => Promise<CommandOutput>;

const ROLE_NAMES = new Set<string>(Object.values(ROLES));

/** 'CN=Helpdesk Admins,OU=Groups,DC=corp,DC=com=Helpdesk Administrator': the role follows the last '='. */
function roleGroups(values: readonly string[]): Record<string, string> {
  const groups: Record<string, string> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const dn = value.slice(0, at).trim();
    const role = value.slice(at + 1).trim();
    if (at <= 0 || !dn.includes('=') || !ROLE_NAMES.has(role)) {
      throw new DomainError('INVALID_INPUT', `--role-group is 'GROUP_DN=Role name', the role one of: ${[...ROLE_NAMES].join(', ')}.`);
    }
    groups[dn] = role;
  }
  return groups;
}

/** --verification-email/--verification-sms: only the kinds given replace the type's defaults. */
function verificationOption(email: string[] | undefined, sms: string[] | undefined) {
  if (!email && !sms) return {};
  return { verification: { ...(email ? { email } : {}), ...(sms ? { sms } : {}) } };
}

function profileFrom(args: ParsedArgs): LdapProfile {
  const { options } = args;
  const name = positional(args, 2, 'the directory name');
  const type = options.type;
  if (!type || !(LDAP_TYPES as readonly string[]).includes(type)) {
    throw new DomainError('INVALID_INPUT', '--type is ad or openldap.');
  }
  const caFile = options.ca === undefined ? undefined : resolve(options.ca);
  if (caFile !== undefined && !existsSync(caFile)) throw new DomainError('INVALID_INPUT', '--ca: no file at that path.');
  try {
    return parseLdapProfile({
      name,
      type,
      urls: options.url ?? [],
      startTls: options.starttls ?? false,
      baseDn: options.base,
      ...(options['users-dn'] ? { usersDn: options['users-dn'] } : {}),
      ...(caFile ? { caFile } : {}),
      bind: options.bind ?? 'agent',
      ...(options['service-account'] ? { serviceAccountDn: options['service-account'] } : {}),
      roleGroups: roleGroups(options['role-group'] ?? []),
      ...(options['upn-attribute'] ? { upnAttribute: options['upn-attribute'] } : {}),
      ...(options['user-dn-template'] ? { userDnTemplate: options['user-dn-template'] } : {}),
      ...verificationOption(options['verification-email'], options['verification-sms']),
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const issue = (error as z.ZodError).issues?.[0];
    // Named by its option, never by what was given (a role group's DN is the key of its field).
    const option = OPTION_OF_FIELD[String(issue?.path[0])] ?? 'The connection';
    const words = issue?.code === 'custom' || issue?.code === 'invalid_format' ? `: ${issue.message}` : ' is not valid';
    throw new DomainError('INVALID_INPUT', `${option}${words}. Run resetdesk --help.`);
  }
}

/** The `directory add` option that gives each profile field. */
const OPTION_OF_FIELD: Record<string, string> = {
  name: 'NAME',
  type: '--type',
  urls: '--url',
  startTls: '--starttls',
  caFile: '--ca',
  baseDn: '--base',
  usersDn: '--users-dn',
  bind: '--bind',
  serviceAccountDn: '--service-account',
  roleGroups: '--role-group',
  upnAttribute: '--upn-attribute',
  verification: '--verification-email/--verification-sms',
};

/** The local file, made on first use (settings, audit and profiles only: users live in the directory). */
async function openLocal(ctx: CommandContext, profile: LdapProfile): Promise<{ store: DirectoryStore; created: boolean }> {
  const path = resolveDbPath(ctx.args.options.db, ctx.io.env);
  if (existsSync(path)) return { store: DirectoryStore.open(path), created: false };
  const tenantName = ctx.args.options.tenant ?? profile.name;
  const { store } = await initDirectory(path, { kind: 'local', tenantName, domain: domainOfBaseDn(profile.baseDn) }, { hasher: ctx.hasher });
  return { store, created: true };
}

const describe = (p: LdapProfile) => ({
  name: p.name,
  type: p.type,
  urls: p.urls,
  startTls: p.startTls,
  baseDn: p.baseDn,
  usersDn: p.usersDn,
  caFile: p.caFile ?? null,
  bind: p.bind,
  serviceAccountDn: p.serviceAccountDn ?? null,
  upnAttribute: p.upnAttribute,
  // How an agent's bind DN is had: OpenLDAP finds it by a search unless a template is set (locate.ts).
  userDnTemplate: p.userDnTemplate ?? null,
  signInDn: signInDnRule(p),
  roleGroups: p.roleGroups,
  // Where caller-verification codes go, defaults filled in.
  verification: verificationAttributes(p),
});

const line = (p: LdapProfile) =>
  `${p.name}  ${KIND_WORDS[p.type]}  ${p.urls.join(' ')}  base ${p.baseDn}  bind as ${p.bind === 'agent' ? 'each agent' : p.serviceAccountDn}  sign-in DN ${signInDnRule(p)}  ${Object.keys(p.roleGroups).length} role group(s)\n`;

/**
 * Runs a change of the connections (main/app/profile-changes.ts): decided,
 * audited once, applied when allowed. The agent who asks (--as) signs in to
 * --directory NAME, else to the directory in use, and must be a Global
 * Administrator there; the services opened for that sign-in close after.
 */
async function changeAs(ctx: CommandContext, store: DirectoryStore, change: ProfileChange, apply: () => void | Promise<void>): Promise<void> {
  const inUse = await store.stores.profiles.active();
  let opened: Services | null = null;
  const signIn = async () => {
    if (!ctx.args.options.as) return null;
    const signedInTo = ctx.args.options.directory ?? inUse;
    opened = await openServices(store.path, { ...cliServiceOptions(ctx), directory: signedInTo });
    return { services: opened, actor: await agentFor(ctx, opened), signedInTo };
  };
  try {
    await changeProfiles(store.stores, change, { inUse, signIn, unusable: (name) => isUnusableProfile(store, name) }, apply);
  } finally {
    if (opened) await closeServices(opened);
  }
}

const add: Command = async (ctx) => {
  const profile = profileFrom(ctx.args);
  // Asked first; the keychain is tried before the local file is opened or made, and the
  // password kept there only once the change is allowed (never in the file).
  const servicePassword = profile.bind === 'service' ? await servicePasswordOf(ctx, profile) : null;
  const keychain = ctx.secrets ?? openSecretStore();
  if (servicePassword) await keptInKeychain(() => keychain.get(serviceAccountKey(profile.name)));
  const { store, created } = await openLocal(ctx, profile);
  try {
    // On a fresh install it is the directory the app and the CLI sign in to; otherwise only with --use.
    const used = created || ctx.args.options.use === true;
    await changeAs(ctx, store, { op: 'add', name: profile.name, use: used }, async () => {
      if (servicePassword) await keptInKeychain(() => keychain.set(serviceAccountKey(profile.name), servicePassword.reveal()));
      await store.stores.profiles.add(storedProfileOf(profile), store.clock());
      if (used) await store.stores.profiles.setActive(profile.name);
    });
    const next = used
      ? 'The app and the CLI sign in to it (--embedded for the users in the local file).'
      : `Use it with --directory ${profile.name}, or for the app and the CLI: resetdesk directory use ${profile.name}.`;
    return { json: { ...describe(profile), active: used, db: store.path }, text: `Added ${line(profile)}${next}\n` };
  } finally {
    store.close();
  }
};

/** A keychain call for a service account's password; a keychain that cannot be used refuses the connection, one line. */
async function keptInKeychain<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof SecretStoreUnavailableError)) throw error;
    throw new DomainError('SECRET_STORE_UNAVAILABLE', 'The service account password was not stored, so the connection was not added.');
  }
}

/** The service account's password: RESETDESK_SERVICE_PASSWORD or a hidden prompt. */
async function servicePasswordOf(ctx: CommandContext, profile: LdapProfile): Promise<Secret> {
  const value = ctx.io.env.RESETDESK_SERVICE_PASSWORD ?? (await ctx.io.promptSecret(`Password for ${profile.serviceAccountDn}: `));
  if (!value) throw new DomainError('INVALID_INPUT', 'Service mode needs the service account password (RESETDESK_SERVICE_PASSWORD or the prompt).');
  return new Secret(value);
}

/** Which directory the app and the CLI sign in to: a profile, or --embedded for the users in the local file. */
const use: Command = async (ctx) => {
  const embedded = ctx.args.options.embedded === true;
  const name = embedded ? null : positional(ctx.args, 2, 'the directory name (or --embedded)');
  const store = DirectoryStore.open(resolveDbPath(ctx.args.options.db, ctx.io.env));
  try {
    let chosen: string | null = null;
    await changeAs(ctx, store, { op: 'use', name }, async () => {
      chosen = name === null ? null : (await loadProfile(store, name)).name;
      await store.stores.profiles.setActive(chosen);
    });
    return {
      json: { active: chosen },
      text: chosen === null ? 'The app and the CLI sign in to the embedded directory.\n' : `The app and the CLI sign in to ${chosen}.\n`,
    };
  } finally {
    store.close();
  }
};

const list: Command = async (ctx) => {
  const path = resolveDbPath(ctx.args.options.db, ctx.io.env);
  // An agent (--as) reads them only with a role that may; without, the file's owner reads their file.
  if (ctx.args.options.as) await withServices(ctx, (services) => readAs(ctx, services, 'directories'));
  const store = DirectoryStore.open(path);
  try {
    const profiles = await Promise.all((await store.stores.profiles.list()).map((p) => readProfile(store, p.name)));
    const active = await store.stores.profiles.active();
    const text =
      profiles.length === 0
        ? 'No directory connections. Add one with resetdesk directory add.\n'
        : profiles.map((p) => `${p.name === active ? '* ' : '  '}${line(p)}`).join('');
    return { json: profiles.map((p) => ({ ...describe(p), active: p.name === active })), text };
  } finally {
    store.close();
  }
};

const remove: Command = async (ctx) => {
  const name = positional(ctx.args, 2, 'the directory name');
  const store = DirectoryStore.open(resolveDbPath(ctx.args.options.db, ctx.io.env));
  try {
    let removed = name;
    await changeAs(ctx, store, { op: 'remove', name }, async () => {
      const profile = await readProfile(store, name); // leniently: a connection an older version stored can still go
      const inUse = removingInUse(profile.name, await store.stores.profiles.active());
      if (inUse) throw inUse;
      await store.stores.profiles.remove(profile.name);
      removed = profile.name;
      if (profile.bind === 'service') await (ctx.secrets ?? openSecretStore()).delete(serviceAccountKey(profile.name)).catch(() => false);
    });
    return { json: { name: removed, removed: true }, text: `Removed ${removed}.\n` };
  } finally {
    store.close();
  }
};

/** Each step of reaching the directory, reported on its own (reach, TLS, bind, a search, paging through everyone, the agent's roles). */
const test: Command = async (ctx) => {
  const name = positional(ctx.args, 2, 'the directory name');
  if (!ctx.args.options.as) throw new DomainError('INVALID_INPUT', 'Say whose bind to test with --as AGENT_UPN.');
  const upn = parseInput(upnSchema, ctx.args.options.as, '--as');
  const password = ctx.io.env.RESETDESK_AGENT_PASSWORD ?? (await ctx.io.promptSecret(`Password for ${upn}: `));
  if (!password) throw new DomainError('INVALID_INPUT', 'Set RESETDESK_AGENT_PASSWORD or run from a terminal to be asked.');
  const store = DirectoryStore.open(resolveDbPath(ctx.args.options.db, ctx.io.env));
  const profile = await loadProfile(store, name);
  const services = buildServices(store, ldapUsers(profile), cliServiceOptions(ctx));
  try {
    // With the replica's feed: the test also says whether the server lets the sync page through every user.
    const steps = await testDirectory(services, upn, new Secret(password), {
      openFeed: (bind) => openFeed(profile, bind),
    });
    const text = steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'}  ${s.step}${s.detail ? `: ${s.detail}` : ''}\n`).join('');
    return { json: { name, steps }, text, exitCode: steps.every((s) => s.ok) ? 0 : 1 };
  } finally {
    await closeServices(services);
  }
};

export const DIRECTORY_COMMANDS: Record<string, Command> = {
  'directory add': add,
  'directory list': list,
  'directory test': test,
  'directory remove': remove,
  'directory use': use,
};
