/**
 * The team database's password, from where an administrator may keep it and
 * never from a command line or a file in clear: RESETDESK_STORE_PASSWORD,
 * else standard input (--password-stdin, its first line), else the OS keychain
 * (account `store:USER@HOST:PORT/DB`), else a hidden prompt on a terminal.
 */
import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import type { PostgresTarget } from '../postgres/connection';
import { SecretStoreUnavailableError, openSecretStore, type SecretStore } from '../secrets/secret-store';
import type { CliIo } from './io';

/** The keychain account a store's password is kept under. */
export const storePasswordKey = (t: PostgresTarget) => `store:${t.user}@${t.host}:${t.port}/${t.database}`;

export async function storePassword(
  target: PostgresTarget,
  ctx: { io: CliIo; passwordStdin: boolean; secrets?: SecretStore | undefined },
): Promise<Secret> {
  const fromEnv = ctx.io.env.RESETDESK_STORE_PASSWORD;
  if (fromEnv) return new Secret(fromEnv);
  if (ctx.passwordStdin) {
    const [line] = await ctx.io.readStdinLines();
    if (!line) throw new DomainError('INVALID_INPUT', '--password-stdin: the first line of standard input is the database password, and it was empty.');
    return new Secret(line);
  }
  try {
    const kept = await (ctx.secrets ?? openSecretStore()).get(storePasswordKey(target));
    if (kept !== null) return new Secret(kept);
  } catch (error) {
    if (!(error instanceof SecretStoreUnavailableError)) throw error;
  }
  const typed = await ctx.io.promptSecret(`Password for the database user ${target.user}: `);
  if (typed) return new Secret(typed);
  throw new DomainError(
    'INVALID_INPUT',
    `Give the database password in RESETDESK_STORE_PASSWORD, on standard input with --password-stdin, or in the keychain as ${storePasswordKey(target)}.`,
  );
}
