/**
 * A sample directory in a real SQLite file whose tenant delivers through a
 * real LocalOutbox on loopback (an SMTP server with STARTTLS, and the SMS
 * endpoint the real HTTP gateway posts to), so a test reads a code back from
 * the message that really travelled. The keychain is the in-memory stand-in
 * (test/support/memory-secret-store.ts); the clock is manual.
 */
import { join } from 'node:path';
import { manualClock } from '../../../main/domain/clock';
import { initDirectory, type CreatedAccount } from '../../../main/app/init-directory';
import { deliveryOpener } from '../../../main/delivery/open-delivery';
import { LocalOutbox } from '../../../main/delivery/outbox/local-outbox';
import { generateOutboxIdentity } from '../../../main/delivery/outbox/identity';
import { localOutboxDelivery } from '../../../main/delivery/outbox/settings';
import type { OutboxMessage } from '../../../main/delivery/outbox/message';
import type { DirectoryStore } from '../../../main/directory/sqlite/store';
import type { CallerVerificationRule } from '../../../main/domain/types';
import type { Actor } from '../../../main/reset/engine';
import type { VerificationService } from '../../../main/reset/verification/service';
import { authenticateAgent, type Services } from '../../../main/app/services';
import { buildServices, embeddedUsers } from '../../../main/app/build-services';
import { FAST_HASHER, tempDir } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';

export interface VerificationHarness {
  dbPath: string;
  store: DirectoryStore;
  services: Services;
  verification: VerificationService;
  clock: ReturnType<typeof manualClock>;
  outbox: LocalOutbox;
  secrets: MemorySecretStore;
  accounts: Map<string, CreatedAccount>;
  agent(role: string): Promise<Actor>;
  setRule(rule: CallerVerificationRule): void;
  /** The six digits of the next message to `to` not read yet (waits for it); each message is read once. */
  codeSentTo(to: string): Promise<{ code: string; message: OutboxMessage }>;
  close(): Promise<void>;
}

let identity: Awaited<ReturnType<typeof generateOutboxIdentity>> | undefined;

export async function verificationHarness(options: { size?: number } = {}): Promise<VerificationHarness> {
  const dir = tempDir('resetdesk-verify-');
  const clock = manualClock(Date.parse('2026-06-01T10:32:00Z'));
  identity ??= await generateOutboxIdentity();
  const outbox = await LocalOutbox.start({ ...identity, smtpPort: 0, smsPort: 0 });
  const dbPath = join(dir.path, 'directory.sqlite');
  const { store, accounts } = await initDirectory(dbPath, { kind: 'sample', size: options.size ?? 120, seed: 7 }, { hasher: FAST_HASHER, clock });
  store.tenant.update(
    { delivery: localOutboxDelivery({ certPem: identity.certPem, smtpPort: outbox.smtpPort, smsPort: outbox.smsPort, from: 'helpdesk@contoso.com' }) },
    clock(),
  );
  const secrets = new MemorySecretStore();
  const services = buildServices(store, embeddedUsers, { hasher: FAST_HASHER, delivery: deliveryOpener(secrets), secrets });
  const byUpn = new Map(accounts.map((a) => [a.upn, a]));
  const read = new Set<string>();
  return {
    dbPath,
    store,
    services,
    verification: services.verification,
    clock,
    outbox,
    secrets,
    accounts: byUpn,
    async agent(role) {
      const account = accounts.find((a) => a.roles.length === 1 && a.roles[0] === role);
      if (!account) throw new Error(`no sample agent holds exactly ${role}`);
      return authenticateAgent(services, account.upn, account.password);
    },
    setRule(rule) {
      store.tenant.update({ callerVerification: rule }, clock());
    },
    async codeSentTo(to) {
      const message = await outbox.waitFor((m) => !read.has(m.id) && m.to.some((t) => t.toLowerCase() === to.toLowerCase()));
      read.add(message.id);
      const code = /\b(\d{6})\b/.exec(message.text)?.[1];
      if (!code) throw new Error('no six-digit code in the message');
      return { code, message };
    },
    async close() {
      await outbox.close();
      store.close();
      dir.cleanup();
    },
  };
}
