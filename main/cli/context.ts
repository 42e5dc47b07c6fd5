import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import { parseInput, upnSchema } from '../domain/validation';
import type { PasswordHasher } from '../reset/hashing';
import type { Actor } from '../reset/engine';
import { requireRead, type ReadRight } from '../reset/read-rights';
import type { SecretStore } from '../secrets/secret-store';
import { authenticateAgent, closeServices, type Services } from '../app/services';
import { openServices } from '../app/open-services';
import { settleOpenIntents } from '../app/settle-intents';
import { resolveDbPath } from '../app/paths';
import type { CliOptions, ParsedArgs } from './args';
import { secretLine, type CliIo } from './io';
import { cliServiceOptions } from './service-options';

/*
 * What every command file shares: the context a command runs in, what it
 * produces, and how it opens the directory, signs the agent in and reads
 * secrets. Below commands.ts (the table of commands) and the *-commands.ts
 * files it loads, so they import it one way and not each other.
 */

/** What a command produces: the JSON value for --json and the text for people. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** Non-zero for an answer that is not a success although nothing failed (a refused sign-in). */
  exitCode?: number;
}

export interface CommandContext {
  args: ParsedArgs;
  io: CliIo;
  hasher: PasswordHasher;
  /** The keychain the commands use; default the OS keychain (openSecretStore). Tests pass an in-memory one. */
  secrets?: SecretStore;
}

/**
 * Which directory a command acts on: --directory NAME; --embedded, the users in
 * the local file; neither, the one the file names as active (`directory use`,
 * `directory add` on a fresh install), as the app does.
 */
export function directoryOption(options: CliOptions): string | null | undefined {
  if (options.embedded && options.directory !== undefined) {
    throw new DomainError('INVALID_INPUT', 'Give --directory NAME or --embedded, not both.');
  }
  return options.embedded ? null : options.directory;
}

/** The local file a command opens, as it was given (--db, RESETDESK_DB, else the data folder's): what the CLI prints. */
export function dbPathOf(ctx: CommandContext): string {
  return resolveDbPath(ctx.args.options.db, ctx.io.env);
}

/** Opens the directory for one command and always closes it. */
export async function withServices<T>(ctx: CommandContext, work: (services: Services) => Promise<T>): Promise<T> {
  const services = await openServices(dbPathOf(ctx), {
    ...cliServiceOptions(ctx),
    directory: directoryOption(ctx.args.options),
  });
  try {
    return await work(services);
  } finally {
    await closeServices(services);
  }
}

/** The acting agent: --as UPN, password from RESETDESK_AGENT_PASSWORD or a hidden prompt. */
export async function agentFor(ctx: CommandContext, services: Services) {
  if (!ctx.args.options.as) throw new DomainError('INVALID_INPUT', 'Say who is acting with --as AGENT_UPN.');
  const upn = parseInput(upnSchema, ctx.args.options.as, '--as');
  const password = ctx.io.env.RESETDESK_AGENT_PASSWORD ?? (await ctx.io.promptSecret(`Password for ${upn}: `));
  if (!password) {
    throw new DomainError('INVALID_INPUT', 'Set RESETDESK_AGENT_PASSWORD or run from a terminal to be asked.');
  }
  const actor = await authenticateAgent(services, upn, new Secret(password));
  await settleOpenIntents(services, actor.credential);
  return actor;
}

/**
 * Who reads the local file: with --as, the agent signs in and must hold a role
 * that may read this (main/reset/read-rights.ts, as in the app: ROLE_REQUIRED
 * otherwise); without it, the file's owner reads their own file (null). The
 * file is theirs alone (0600), and whoever can open it can read it with any
 * SQLite tool: a role asked of nobody would protect nothing.
 */
export async function readAs(ctx: CommandContext, services: Services, right: ReadRight): Promise<Actor | null> {
  if (!ctx.args.options.as) return null;
  const actor = await agentFor(ctx, services);
  requireRead(right, actor.roles);
  return actor;
}

/** Reads `count` secret lines: from stdin when piped, else by hidden prompts. */
export async function readSecrets(ctx: CommandContext, prompts: string[]): Promise<Secret[]> {
  let lines = await ctx.io.readStdinLines();
  if (lines.length === 0) {
    lines = [];
    for (const prompt of prompts) {
      const value = await ctx.io.promptSecret(prompt);
      if (value === null) break;
      lines.push(value);
    }
  }
  return prompts.map((p, i) => secretLine(lines, i, p.replace(/:\s*$/, '').toLowerCase()));
}
