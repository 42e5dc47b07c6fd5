/**
 * The agent accounts the first run just created, kept in main (as Secrets) only
 * while the first-run screen shows them, so "Copy" and "Save to file…" work
 * without a password ever travelling back from the renderer. Forgotten when
 * the screen is dismissed and on quit.
 */
import type { CreatedAccount } from '../app/init-directory';
import { DomainError } from '../domain/errors';
import type { Secret } from '../domain/secret';
import { csvRow } from './csv';

export const FIRST_RUN_FILE_NAME = 'resetdesk-agent-accounts.csv';

export class FirstRunAccounts {
  #accounts: readonly CreatedAccount[] = [];

  keep(accounts: readonly CreatedAccount[]): void {
    this.#accounts = accounts;
  }

  forget(): void {
    this.#accounts = [];
  }

  /** The password of one account shown; FIRST_RUN_OVER once the screen is gone. */
  passwordOf(upn: string): Secret {
    const account = this.#require().find((a) => a.upn.toLowerCase() === upn.toLowerCase());
    if (!account) throw new DomainError('USER_NOT_FOUND');
    return account.password;
  }

  /** The file "Save to file…" writes: one row per account, with its password (the user asked for it). */
  fileContent(): string {
    let out = csvRow(['upn', 'displayName', 'roles', 'password']);
    for (const a of this.#require()) out += csvRow([a.upn, a.displayName, a.roles.join('; '), a.password.reveal()]);
    return out;
  }

  #require(): readonly CreatedAccount[] {
    if (this.#accounts.length === 0) throw new DomainError('FIRST_RUN_OVER');
    return this.#accounts;
  }
}
