/**
 * Test support for the notifications: a sample directory behind the real IPC
 * dispatcher, and the sample's own local outbox (a real SMTP server with
 * STARTTLS and the SMS endpoint on loopback) that its tenant's delivery
 * settings point at, so every message is read back from the server.
 */
import { createServer, type AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { TestContext } from 'node:test';
import { DirectoryHost } from '../../../main/app/directory-host';
import type { LocalOutbox } from '../../../main/delivery/outbox/local-outbox';
import { startLocalOutboxFor } from '../../../main/delivery/outbox/tenant-outbox';
import type { NewUser } from '../../../main/domain/new-user';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp } from '../../../main/ipc/app';
import type { TimerPort } from '../../../main/ipc/clipboard-guard';
import type { AuditEvent } from '../../../main/domain/types';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { value } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const noTimers: TimerPort = { set: () => 0, cancel: () => undefined };

export interface NoticeFixture {
  fx: SampleFixture;
  api: ResetdeskApi;
  /**
   * null when the test asked for no outbox: the tenant's mail then goes to a
   * dead SMTP server of its own (nothing listens on its port). Not the
   * sample's outbox: a sender with its ports free starts one itself.
   */
  outbox: LocalOutbox | null;
  signIn(upn: string): Promise<void>;
  userId(upn: string): Promise<string>;
  /** The local audit, oldest first. */
  audit(action?: AuditEvent['action']): AuditEvent[];
}

export async function noticeFixture(t: TestContext, options: { outbox?: boolean } = {}): Promise<NoticeFixture> {
  const fx = await sampleDirectory({ size: 60 });
  t.after(() => fx.close());
  const outbox = options.outbox === false ? null : await startLocalOutboxFor(fx.store.stores);
  if (outbox) t.after(() => outbox.close());
  else await deadSmtpServer(fx);
  const app = createIpcApp({
    host: DirectoryHost.over(fx.services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
    clipboard: new MemoryClipboard(),
    clock: fx.clock,
    files: new FolderFileSaver(dirname(fx.dbPath)),
    timers: noTimers,
    idleLockMinutes: 10,
    clipboardClearSeconds: 30,
    isTrustedSender: (url) => url === ORIGIN,
  });
  const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
  return {
    fx,
    api,
    outbox,
    async signIn(upn) {
      value(await api.signIn({ upn, password: fx.passwordOf(upn).reveal() }));
    },
    async userId(upn) {
      const user = await fx.services.directory.as(null).getUser({ upn });
      if (!user) throw new Error(`no ${upn} in the sample`);
      return user.id;
    },
    audit(action) {
      return fx.store.audit.list({ ...(action ? { action } : {}), limit: 500 }).sort((a, b) => a.id - b.id);
    },
  };
}

/** Points the tenant's mail at an SMTP port on loopback where nothing listens (a server that is down). */
async function deadSmtpServer(fx: SampleFixture): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const { smtp } = (await fx.store.stores.tenant.get()).delivery;
  fx.store.tenant.update({ delivery: { smtp: { ...smtp!, port, caPem: null }, sms: null, localOutbox: null } }, fx.clock());
}

/** Adds Global Administrators to a sample (a second enabled one, and a disabled one who must hear nothing). */
export function addGlobalAdministrators(fx: SampleFixture, users: Partial<NewUser>[]): void {
  fx.store.transaction(() => {
    const writer = fx.store.users.bulkWriter();
    users.forEach((overrides, i) => {
      writer.insert(
        {
          id: `00000000-0000-4000-8000-0000000009${String(i).padStart(2, '0')}`,
          upn: `extra.ga${i}@contoso.com`,
          displayName: `Extra Admin ${i}`,
          givenName: 'Extra', surname: 'Admin', mail: `extra.ga${i}@contoso.com`,
          mobilePhone: null, businessPhone: null, department: null, jobTitle: null,
          source: 'cloud', userType: 'member', guestHome: null, adminCount: 0, enabled: true,
          passwordNeverExpires: false, forceChangeNextSignIn: false,
          passwordLastSet: null, createdAt: '2026-01-01T00:00:00.000Z',
          lockedUntil: null, failedAttempts: 0, lockoutCount: 0,
          roles: ['Global Administrator'], groups: [], authMethods: [],
          ...overrides,
        },
        null,
      );
    });
    writer.flush();
  });
}

/** The detail of a notification.send event, parsed. */
export function noticeDetail(event: AuditEvent): { kind: string; channel: string; to: string; about: string } {
  return JSON.parse(event.detail ?? '{}') as { kind: string; channel: string; to: string; about: string };
}
