/**
 * The real CLI on one local file, as scripts and several terminals use it: the
 * file made by `resetdesk init --sample`, every step a child process, the OS
 * keychain shared by all of them and this process (scripts/with-keychain.sh
 * gives npm test a throwaway gnome-keyring), and the tenant's SMS going to a
 * real HTTPS endpoint on loopback that records what it receives (the stand-in
 * for a carrier: test/support/https-sms-endpoint.ts).
 *
 * Each test file passes a seed of its own: the sample's tenant id follows from
 * the seed, and with it the keychain account of the tenant's pepper, so two
 * files running at once never share one.
 */
import { join } from 'node:path';
import { generateOutboxIdentity } from '../../../main/delivery/outbox/identity';
import { DirectoryStore } from '../../../main/directory/sqlite/store';
import { ROLES } from '../../../main/domain/roles';
import type { Pepper } from '../../../main/reset/verification/codes';
import { pepperAccount, pepperForCheck } from '../../../main/reset/verification/pepper';
import { KeytarSecretStore } from '../../../main/secrets/secret-store';
import { runSource, type CliRun } from '../../support/cli-process';
import { tempDir } from '../../support/fixtures';
import { startHttpsSmsEndpoint, type HttpsSmsEndpoint } from '../../support/https-sms-endpoint';

export const ADELE = 'adele.vance@contoso.com';

export interface CliBed {
  db: string;
  /** This process's own connection to the file: to read what the CLI recorded. */
  store: DirectoryStore;
  sms: HttpsSmsEndpoint;
  tenantId: string;
  /** A Helpdesk Administrator of the sample (may reset Adele). */
  agent: string;
  /** One CLI process on the file, `--json`; `as` signs in with that agent's password. */
  cli(args: string[], options?: { as?: string; input?: string; env?: Record<string, string> }): Promise<CliRun>;
  /** The six-digit codes in the SMS the endpoint received, in the order they arrived. */
  codesReceived(): string[];
  /** The tenant's pepper as this machine's keychain holds it (null: none yet). */
  pepper(): Promise<Pepper | null>;
  close(): Promise<void>;
}

export async function cliBed(seed: number, options: { smsLatencyMs?: number } = {}): Promise<CliBed> {
  const dir = tempDir('resetdesk-verify-cli-');
  const db = join(dir.path, 'directory.sqlite');
  let accounts: { upn: string; roles: string[]; password: string }[] = [];
  const cli: CliBed['cli'] = (args, o = {}) =>
    runSource([...args, '--db', db, '--json', ...(o.as ? ['--as', o.as] : [])], {
      ...(o.input !== undefined ? { input: o.input } : {}),
      ...(o.as ? { agentPassword: accounts.find((a) => a.upn === o.as)!.password } : {}),
      ...(o.env ? { env: o.env } : {}),
    });
  const init = await cli(['init', '--sample', '60', '--seed', String(seed)]);
  if (init.status !== 0) throw new Error(`resetdesk init failed: ${init.stderr}`);
  accounts = init.json.accounts;

  const store = DirectoryStore.open(db);
  const tls = await generateOutboxIdentity();
  const sms = await startHttpsSmsEndpoint(tls, { latencyMs: options.smsLatencyMs ?? 0 });
  const tenant = store.tenant.get();
  store.tenant.update(
    {
      delivery: {
        ...tenant.delivery,
        sms: { url: sms.url, from: 'Contoso', fields: { to: 'to', text: 'text', from: 'from' }, caPem: tls.certPem },
      },
    },
    store.clock(),
  );
  const keychain = new KeytarSecretStore();
  return {
    db,
    store,
    sms,
    tenantId: tenant.tenantId,
    agent: accounts.find((a) => a.roles.length === 1 && a.roles[0] === ROLES.helpdeskAdministrator)!.upn,
    cli,
    codesReceived: () => sms.received.map((r) => /\b(\d{6})\b/.exec(String((r.body as { text?: unknown }).text))?.[1] ?? 'no code'),
    pepper: () => pepperForCheck(keychain, tenant.tenantId),
    async close() {
      await sms.close();
      store.close();
      // The test's pepper leaves the keychain with it (a developer's own keychain, where npm test used that).
      await keychain.delete(pepperAccount(tenant.tenantId)).catch(() => false);
      dir.cleanup();
    },
  };
}
