import { initDirectory } from '../app/init-directory';
import type { TenantUpdate } from '../domain/stores';
import type { DirectoryView } from '../directory/directory';
import { AUDIT_ACTIONS, CALLER_VERIFICATION_RULES, MAX_PASSWORD_HISTORY, type AuditAction } from '../domain/types';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { AUDIT_FILTER_TEXT_MAX, auditFilterOf } from '../domain/stores/audit-filter';
import { suggestPassword } from '../reset/suggest';
import type { Actor } from '../reset/engine';
import { Secret } from '../domain/secret';
import { updateTenant, type Services } from '../app/services';
import { requireRead } from '../reset/read-rights';
import { resetAndNotify, resetFacts, unlockAndNotify } from '../app/out-of-band';
import { resolveDbPath } from '../app/paths';
import { SIGN_IN_EXIT_CODES, intOption, positional, upnArgument } from './args';
import { DEFAULT_SAMPLE_SIZE, MAX_OFFSET, PAGE_LIMIT, SAMPLE_SEED, SAMPLE_SIZE, callerVerificationSchema, parseInput, searchQuerySchema } from '../domain/validation';
import * as format from './format';
import { searchFilterOf } from './search-filter-options';
import { agentFor, dbPathOf, readAs, readSecrets, withServices, type CommandContext, type CommandOutput } from './context';

type Command = (ctx: CommandContext) => Promise<CommandOutput>;

/**
 * The directory as whoever reads it: the embedded file may be read without
 * signing in (it is the operator's own file); a real directory refuses
 * anonymous reads, so there the command acts as the agent (--as).
 */
async function readerFor(ctx: CommandContext, services: Services): Promise<DirectoryView> {
  if (services.directory.capabilities.readableByFileOwner && !ctx.args.options.as) return services.directory.as(null);
  const actor = await agentFor(ctx, services);
  requireRead('users', actor.roles);
  return services.directory.as(actor.credential ?? null);
}

const init: Command = async (ctx) => {
  const { options } = ctx.args;
  const path = resolveDbPath(options.db, ctx.io.env);
  const plan =
    options.tenant !== undefined || options.domain !== undefined
      ? { kind: 'empty' as const, tenantName: options.tenant ?? 'Contoso', domain: options.domain ?? 'contoso.com' }
      : {
          kind: 'sample' as const,
          size: intOption('sample', options.sample, DEFAULT_SAMPLE_SIZE, SAMPLE_SIZE),
          seed: intOption('seed', options.seed, 1, SAMPLE_SEED),
        };
  const { store, accounts } = await initDirectory(path, plan, { hasher: ctx.hasher });
  try {
    const tenant = store.tenant.get();
    const userCount = store.users.count();
    return {
      json: {
        db: path,
        tenant: tenant.name,
        users: userCount,
        accounts: accounts.map((a) => ({ upn: a.upn, roles: a.roles, password: a.password.reveal() })),
      },
      text: format.initText(path, tenant.name, userCount, accounts),
    };
  } finally {
    store.close();
  }
};

const usersSearch: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const query = parseInput(searchQuerySchema, ctx.args.positionals[2] ?? '', 'The search text');
    const offset = intOption('offset', ctx.args.options.offset, 0, { min: 0, max: MAX_OFFSET });
    const directory = await readerFor(ctx, services);
    const filter = searchFilterOf(ctx.args.options);
    const page = { limit: intOption('limit', ctx.args.options.limit, 25, PAGE_LIMIT), offset };
    const { profileName } = services.directory;
    if (services.directory.replicaSource && profileName !== undefined) {
      // A directory that keeps a local replica (issue 18): answered from it when there is one, and said so.
      const { searchRealDirectory } = await import('./replica-commands');
      return searchRealDirectory(ctx, dbPathOf(ctx), profileName, directory, query, page, filter);
    }
    const results = await directory.searchUsers(query, page, filter);
    // --json stays an array of users: scripts read it so. The count is for people.
    return { json: results.users, text: format.searchText(results, offset, services.directory.capabilities.syncedFromOnPremises) };
  });

const usersShow: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const upn = upnArgument(ctx.args, 2);
    const user = await (await readerFor(ctx, services)).getUser({ upn });
    if (!user) throw new DomainError('USER_NOT_FOUND');
    return { json: user, text: format.userText(user) };
  });

const tenantShow: Command = (ctx) =>
  withServices(ctx, async (services) => {
    await readAs(ctx, services, 'settings');
    const tenant = await services.stores.tenant.get();
    return { json: { ...tenant, db: dbPathOf(ctx) }, text: format.tenantText(tenant, dbPathOf(ctx)) };
  });

const tenantSet: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const key = positional(ctx.args, 2, 'the setting name (passwordWriteback or temporaryPasswordLifetimeDays)');
    const value = positional(ctx.args, 3, 'the value');
    const update = tenantUpdate(key, value);
    const actor = await agentFor(ctx, services);
    const tenant = await updateTenant(services, actor, update);
    return { json: { ...tenant, db: dbPathOf(ctx) }, text: format.tenantText(tenant, dbPathOf(ctx)) };
  });

function tenantUpdate(key: string, value: string): TenantUpdate {
  if (key === 'passwordWriteback') {
    if (value !== 'on' && value !== 'off') throw new DomainError('INVALID_INPUT', 'passwordWriteback is on or off.');
    return { passwordWriteback: value === 'on' };
  }
  if (key === 'temporaryPasswordLifetimeDays') {
    if (value === 'never' || value === 'off') return { temporaryPasswordLifetimeDays: null };
    return { temporaryPasswordLifetimeDays: intOption(key, value, 0, { min: 1, max: 3650 }) };
  }
  if (key === 'passwordHistoryCount') {
    return { passwordHistoryCount: intOption(key, value, 0, { min: 0, max: MAX_PASSWORD_HISTORY }) };
  }
  if (key === 'callerVerification') {
    return { callerVerification: parseInput(callerVerificationSchema, value, `callerVerification (${CALLER_VERIFICATION_RULES.join(', ')})`) };
  }
  throw new DomainError('INVALID_INPUT', 'Unknown setting: use passwordWriteback, temporaryPasswordLifetimeDays, callerVerification or passwordHistoryCount.');
}

const passwordReset: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const upn = upnArgument(ctx.args, 2);
    const { options } = ctx.args;
    const deliverTo = options.send === undefined ? 'screen' : parseInput(z.enum(['email', 'sms']), options.send, '--send (email or sms)');
    if (options.generate && options['password-stdin']) {
      throw new DomainError('INVALID_INPUT', '--generate and --password-stdin exclude each other: the password is either generated or typed.');
    }
    const stdin = options['password-stdin'] ? (await readSecrets(ctx, ['New temporary password: ']))[0] : undefined;
    const actor = await agentFor(ctx, services);
    const suggested = options.generate ? await suggestionFor(services, actor, upn) : undefined;
    const typed = stdin ?? suggested;
    // The reset, then the messages after it: the same function the app's handler runs (main/app/out-of-band.ts).
    const done = await resetAndNotify(
      services,
      actor,
      {
        target: { upn },
        // --generate's password is main's own: audited as generated, like the app's Generate.
        ...(typed ? { password: typed, passwordGenerated: suggested !== undefined } : {}),
        forceChangeNextSignIn: !options['no-force-change'],
      },
      deliverTo,
    );
    const facts = resetFacts(done);
    const { notifications } = facts;
    if (done.deliveredTo !== 'screen') {
      // Sent to the user: never printed. A message that did not go out leaves a reset nobody knows the password of.
      return {
        json: { ...facts, deliveredTo: done.deliveredTo, sentTo: done.sentTo, sent: done.sent.delivered },
        text: format.sentResetText(done.deliveredTo, done.sentTo, done.sent, facts) + format.noticesText(notifications),
        ...(done.sent.delivered ? {} : { exitCode: 1 }),
      };
    }
    return {
      json: {
        ...facts,
        // A typed password is the agent's own: it is never printed back. A generated one is shown once.
        ...(done.outcome.generated ? { temporaryPassword: done.outcome.temporaryPassword.reveal() } : {}),
      },
      text: format.resetText(done.outcome) + format.noticesText(notifications),
    };
  });

/**
 * `--generate`: for a user whose reset takes a typed password (an on-premises
 * user of the embedded directory, as in Entra), the password the app's
 * Generate gives (main/reset/suggest.ts: the tenant's policy, phone-friendly);
 * the engine then checks it like any chosen one (policy, banned terms,
 * history) before it writes. Where the reset generates one anyway (cloud
 * users, a real directory) nothing is typed: the engine's own is used.
 */
async function suggestionFor(services: Services, actor: Actor, upn: string): Promise<Secret | undefined> {
  const preflight = await services.engine.preflight(actor, { upn });
  // A refusal is the engine's to make and audit: the reset below answers it.
  if (!preflight.allowed || preflight.passwordMode !== 'typed') return undefined;
  return suggestPassword((await services.stores.tenant.get()).passwordPolicy);
}

const passwordChange: Command = (ctx) =>
  withServices(ctx, async ({ signIn }) => {
    const upn = upnArgument(ctx.args, 2);
    const [oldPassword, newPassword] = await readSecrets(ctx, ['Current password: ', 'New password: ']);
    await signIn.changePassword(upn, oldPassword!, newPassword!);
    return { json: { upn, changed: true }, text: `Password changed for ${upn}.\n` };
  });

const accountUnlock: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const upn = upnArgument(ctx.args, 2);
    const actor = await agentFor(ctx, services);
    const { outcome, notifications } = await unlockAndNotify(services, actor, { upn });
    return {
      json: { upn: outcome.upn, unlocked: true, wasLocked: outcome.wasLocked, accountEnabled: outcome.accountEnabled, notifications },
      text:
        (outcome.wasLocked ? `Unlocked ${outcome.upn}.\n` : `${outcome.upn} was not locked; failure counters cleared.\n`) +
        format.disabledText(outcome, 'unlock') +
        format.noticesText(notifications),
    };
  });

const signin: Command = (ctx) =>
  withServices(ctx, async ({ signIn }) => {
    const upn = upnArgument(ctx.args, 1);
    const [password] = await readSecrets(ctx, ['Password: ']);
    const outcome = await signIn.signIn(upn, password!);
    return {
      json: { upn, result: outcome.result },
      text: format.signInText(upn, outcome.result),
      exitCode: SIGN_IN_EXIT_CODES[outcome.result],
    };
  });

const auditList: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const { options } = ctx.args;
    const action = ctx.args.positionals[2];
    if (action !== undefined && !AUDIT_ACTIONS.includes(action as AuditAction)) {
      throw new DomainError('INVALID_INPUT', `The action filter is one of: ${AUDIT_ACTIONS.join(', ')}.`);
    }
    for (const name of ['target', 'agent'] as const) {
      if ((options[name]?.length ?? 0) > AUDIT_FILTER_TEXT_MAX) throw new DomainError('INVALID_INPUT', `--${name} is too long.`);
    }
    await readAs(ctx, services, 'audit');
    const { stores } = services;
    // The app's Audit screen filters by the same rule: any part of the UPN, any case.
    const events = await stores.audit.list({
      ...auditFilterOf({ target: options.target, agent: options.agent, action: action as AuditAction | undefined, from: options.from, to: options.to }),
      limit: intOption('limit', options.limit, 50, PAGE_LIMIT),
      offset: intOption('offset', options.offset, 0, { min: 0, max: MAX_OFFSET }),
    });
    return { json: events, text: format.auditTable(events) };
  });

/** Command words → handler. Two-word commands are "group verb". */
export const COMMANDS: Record<string, Command> = {
  init,
  'users search': usersSearch,
  'users show': usersShow,
  'tenant show': tenantShow,
  'tenant set': tenantSet,
  // The custom banned-password list: list, add TERM…, remove TERM….
  'tenant banned': async (ctx: CommandContext) => (await import('./banned-commands')).tenantBanned(ctx),
  'password reset': passwordReset,
  'password change': passwordChange,
  'account unlock': accountUnlock,
  signin,
  'audit list': auditList,
  'audit verify': async (ctx: CommandContext) => (await import('./audit-verify-command')).auditVerify(ctx),
  // Loaded when used, like the directory commands.
  'temp-passwords': async (ctx: CommandContext) => (await import('./temp-password-commands')).tempPasswords(ctx),
  // The sample's outbox, read from the local file (loaded when used: the sealing and its key).
  'outbox list': async (ctx: CommandContext) => (await import('./outbox-commands')).outboxList(ctx),
  'store migrate': async (ctx: CommandContext) => (await import('./store-commands')).STORE_COMMANDS['store migrate'](ctx),
  // A real directory's local replica brought up to date (loaded when used: the feed and the replica's writer).
  'directory sync': async (ctx: CommandContext) => (await import('./replica-commands')).REPLICA_COMMANDS['directory sync']!(ctx),
  ...Object.fromEntries(
    (['directory add', 'directory list', 'directory test', 'directory remove', 'directory use'] as const).map((name) => [
      name,
      // Loaded when used: the profile schema and ldapts are not every command's start-up.
      async (ctx: CommandContext) => (await import('./directory-commands')).DIRECTORY_COMMANDS[name]!(ctx),
    ]),
  ),
  ...Object.fromEntries(
    (['verify send', 'verify check', 'verify register-totp'] as const).map((name) => [
      name,
      // Loaded when used: nodemailer, otpauth and the verification service are not every command's start-up.
      async (ctx: CommandContext) => (await import('./verify-commands')).VERIFY_COMMANDS[name]!(ctx),
    ]),
  ),
  ...Object.fromEntries(
    (['delivery show', 'delivery smtp', 'delivery sms', 'delivery off', 'delivery test'] as const).map((name) => [
      name,
      // Loaded when used: the delivery settings' schemas and channels are not every command's start-up.
      async (ctx: CommandContext) => (await import('./delivery-commands')).DELIVERY_COMMANDS[name]!(ctx),
    ]),
  ),
};
