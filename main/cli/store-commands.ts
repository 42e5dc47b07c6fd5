/**
 * `resetdesk store migrate`: brings the team's PostgreSQL database to this
 * version's schema, as the schema's owner (the server itself runs as a role
 * that may not change the schema, nor update or delete an audit event).
 */
import { readFileSync } from 'node:fs';
import { DomainError } from '../domain/errors';
import { openPool, parseStoreUrl } from '../postgres/connection';
import { migrate, quoteRole } from '../postgres/migrate';
import { TEAM_STORE_MIGRATIONS } from '../postgres/migrations/001-team-store';
import type { CommandContext, CommandOutput } from './context';
import { storePassword } from './store-password';

/** The CA file that signed the database server's certificate: required, TLS is the only way in. */
export function storeCa(path: string | undefined): string {
  if (!path) throw new DomainError('INVALID_INPUT', "Give --store-ca FILE: the CA that signed the database server's certificate (TLS is required).");
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new DomainError('INVALID_INPUT', `--store-ca: ${path} cannot be read.`);
  }
}

const storeMigrate = async (ctx: CommandContext): Promise<CommandOutput> => {
  const { options } = ctx.args;
  if (!options.store) throw new DomainError('INVALID_INPUT', 'Give --store postgres://OWNER@HOST:PORT/DATABASE (the schema owner).');
  const target = parseStoreUrl(options.store);
  const appRole = options['app-role'] ?? 'resetdesk_app';
  quoteRole(appRole);
  const caPem = storeCa(options['store-ca']);
  const password = await storePassword(target, { io: ctx.io, passwordStdin: options['password-stdin'] ?? false, secrets: ctx.secrets });
  const pool = openPool({ target, password, caPem, maxConnections: 1 });
  try {
    const report = await migrate(pool, TEAM_STORE_MIGRATIONS, { appRole });
    const text =
      report.applied.length === 0
        ? `The database ${target.database} is at schema ${report.to}: nothing to do.\n`
        : `The database ${target.database} went from schema ${report.from} to ${report.to} (${report.applied.length} step${report.applied.length === 1 ? '' : 's'}); the server runs as ${appRole}.\n`;
    return { json: { database: target.database, ...report, appRole }, text };
  } finally {
    await pool.end();
  }
};

export const STORE_COMMANDS = { 'store migrate': storeMigrate };
