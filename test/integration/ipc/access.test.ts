/**
 * Issue 16 I and J, through the real dispatcher on a real SQLite sample:
 *
 * - I: every method of the contract that acts as the signed-in agent checks
 *   the agent's own account again; disabled, locked out or stripped of its
 *   roles, the agent is signed out with AGENT_ACCOUNT_UNUSABLE by whatever
 *   they call next, at most AGENT_RECHECK_SECONDS after the change (the
 *   clock is the test's). The walk covers every method of the contract, so a
 *   method added later without the check fails here.
 * - J: who may read what, one row per role (the expected table is written out
 *   here, not read from read-rights.ts, so the module cannot grade itself).
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { DirectoryHost } from '../../../main/app/directory-host';
import type { UserDirectory } from '../../../main/directory/directory';
import { AGENT_RECHECK_SECONDS, METHOD_ACCESS } from '../../../main/ipc/access';
import { createApi, type ResetdeskApi } from '../../../main/ipc/api';
import { createIpcApp, type IpcApp } from '../../../main/ipc/app';
import type { IpcResult } from '../../../main/ipc/contract';
import { METHOD_NAMES, type MethodName } from '../../../main/ipc/methods';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { codeOf, value } from '../../support/ipc-result';

const ORIGIN = 'app://resetdesk/index.html';
const GLOBAL = 'global.admin@contoso.com';
const RECHECK_MS = AGENT_RECHECK_SECONDS * 1000;

/** Methods that need no session, each for a reason (access.ts); a new one must be added here on purpose. */
const OPEN: readonly MethodName[] = [
  'getAppState', 'createDirectory', 'getSession', 'signIn', 'changeOwnPassword', 'signOut',
  'clipboardStatus', 'forgetResetResult', 'saveFirstRunAccounts', 'copyFirstRunPassword', 'forgetFirstRunAccounts', 'checkNewPassword',
];

/** Counts the reads of an agent's own account (a transact on the agent itself). */
function countingDirectory(inner: UserDirectory, counter: { reads: number; agentId: string }): UserDirectory {
  return {
    kind: inner.kind,
    capabilities: inner.capabilities,
    location: inner.location,
    close: () => inner.close(),
    as(agent) {
      const view = inner.as(agent);
      return {
        getUser: (ref) => view.getUser(ref),
        contactPoints: (ref) => view.contactPoints(ref),
        globalAdministrators: () => view.globalAdministrators(),
        searchUsers: (query, page) => view.searchUsers(query, page),
        preparePassword: (password) => view.preparePassword(password),
        transact(target, work) {
          if ('id' in target && target.id === counter.agentId) counter.reads++;
          return view.transact(target, work);
        },
      };
    },
  };
}

describe('IPC: who may call what', () => {
  let fx: SampleFixture;
  let app: IpcApp;
  let api: ResetdeskApi;
  const counter = { reads: 0, agentId: '' };
  const ids = { user: '', synced: '' };

  const rowid = (upn: string) => (fx.store.db.prepare('SELECT rowid FROM users WHERE upn = ?').get(upn) as { rowid: number }).rowid;
  const rolesOf = (upn: string) =>
    (fx.store.db.prepare('SELECT role FROM role_assignments WHERE user_rowid = ?').all(rowid(upn)) as { role: string }[]).map((r) => r.role);
  const setRoles = (upn: string, roles: readonly string[]) => {
    fx.store.db.prepare('DELETE FROM role_assignments WHERE user_rowid = ?').run(rowid(upn));
    for (const role of roles) fx.store.db.prepare('INSERT INTO role_assignments (user_rowid, role) VALUES (?, ?)').run(rowid(upn), role);
  };
  const signIn = (upn: string) => api.signIn({ upn, password: fx.passwordOf(upn).reveal() });

  before(async () => {
    fx = await sampleDirectory({ size: 60 });
    counter.agentId = (await fx.services.directory.as(null).getUser({ upn: GLOBAL }))!.id;
    ids.user = (await fx.services.directory.as(null).getUser({ upn: EX.cloudMember }))!.id;
    ids.synced = (await fx.services.directory.as(null).getUser({ upn: EX.syncedManaged }))!.id;
  });
  after(() => fx.close());

  beforeEach(() => {
    counter.reads = 0;
    const services = { ...fx.services, directory: countingDirectory(fx.services.directory, counter) };
    app = createIpcApp({
      host: DirectoryHost.over(services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard: new MemoryClipboard(),
      clock: fx.clock,
      files: new FolderFileSaver(dirname(fx.dbPath)),
      idleLockMinutes: 60,
      isTrustedSender: (url) => url === ORIGIN,
    });
    api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
  });

  /** One well-formed request per method of the contract (typed by the method list: a new method does not build without one). */
  const calls: Record<MethodName, () => Promise<IpcResult<unknown>>> = {
    getAppState: () => api.getAppState({}),
    createDirectory: () => api.createDirectory({ kind: 'sample' }),
    getSession: () => api.getSession({}),
    signIn: () => signIn(GLOBAL),
    changeOwnPassword: () => api.changeOwnPassword({ upn: GLOBAL, currentPassword: 'Not-the-Passw0rd', newPassword: 'Fresh-Kq7x9Wz!' }),
    signOut: () => api.signOut({}),
    searchUsers: () => api.searchUsers({ query: 'a' }),
    getUser: () => api.getUser({ userId: ids.user }),
    preflightReset: () => api.preflightReset({ userId: ids.user }),
    suggestPassword: () => api.suggestPassword({ userId: ids.synced }),
    resetPassword: () => api.resetPassword({ userId: ids.user }),
    unlockAccount: () => api.unlockAccount({ userId: ids.user }),
    sendVerificationCode: () => api.sendVerificationCode({ userId: ids.user, method: 'email' }),
    checkVerificationCode: () => api.checkVerificationCode({ userId: ids.user, method: 'email', code: '123456' }),
    copyTemporaryPassword: () => api.copyTemporaryPassword({ resultId: '00000000-0000-0000-0000-000000000000' }),
    clipboardStatus: () => api.clipboardStatus({}),
    forgetResetResult: () => api.forgetResetResult({ resultId: '00000000-0000-0000-0000-000000000000' }),
    listAudit: () => api.listAudit({}),
    exportAudit: () => api.exportAudit({ target: 'adele' }),
    saveFirstRunAccounts: () => api.saveFirstRunAccounts({}),
    copyFirstRunPassword: () => api.copyFirstRunPassword({ upn: GLOBAL }),
    forgetFirstRunAccounts: () => api.forgetFirstRunAccounts({}),
    getSettings: () => api.getSettings({}),
    listDirectories: () => api.listDirectories({}),
    saveDirectory: () => api.saveDirectory({ profile: { name: 'Probe', type: 'openldap', urls: ['ldaps://127.0.0.1:1'], baseDn: 'dc=probe,dc=test' } }),
    removeDirectory: () => api.removeDirectory({ name: 'Probe' }),
    testDirectory: () =>
      api.testDirectory({ profile: { name: 'Probe', type: 'openldap', urls: ['ldaps://127.0.0.1:1'], baseDn: 'dc=probe,dc=test' }, upn: GLOBAL, password: 'Whatever-1' }),
    useDirectory: () => api.useDirectory({ name: null }),
    listOutstandingTemporaryPasswords: () => api.listOutstandingTemporaryPasswords({}),
    listOutbox: () => api.listOutbox({}),
    checkPassword: () => api.checkPassword({ userId: ids.synced, password: 'Kd7#pQ2vLm9x' }),
    checkNewPassword: () => api.checkNewPassword({ upn: GLOBAL, password: 'Kd7#pQ2vLm9x' }),
    getDeliveryChannels: () => api.getDeliveryChannels({}),
    getDirectoryCopy: () => api.getDirectoryCopy({}),
  };

  it('every method is either open (for a reason) or checked: the table and this list agree', () => {
    assert.deepEqual(
      METHOD_NAMES.filter((m) => METHOD_ACCESS[m] === 'open'),
      METHOD_NAMES.filter((m) => OPEN.includes(m)),
    );
  });

  const changes = [
    {
      what: 'disabled',
      detail: /It was disabled\./,
      apply: () => fx.store.db.prepare('UPDATE users SET account_enabled = 0 WHERE upn = ?').run(GLOBAL),
      undo: () => fx.store.db.prepare('UPDATE users SET account_enabled = 1 WHERE upn = ?').run(GLOBAL),
    },
    {
      what: 'locked out',
      detail: /It is locked out\./,
      apply: () => fx.store.db.prepare('UPDATE users SET locked_until = ? WHERE upn = ?').run(fx.clock() + 24 * 3600_000, GLOBAL),
      undo: () => fx.store.db.prepare('UPDATE users SET locked_until = NULL WHERE upn = ?').run(GLOBAL),
    },
    {
      what: 'stripped of its roles',
      detail: /It no longer holds an admin role\./,
      apply: () => setRoles(GLOBAL, []),
      undo: () => setRoles(GLOBAL, ['Global Administrator']),
    },
  ];

  for (const method of METHOD_NAMES) {
    if (OPEN.includes(method)) continue;
    it(`${method}: an agent disabled, locked out or stripped of its roles is signed out by it`, async () => {
      for (const change of changes) {
        value(await signIn(GLOBAL));
        change.apply();
        try {
          fx.clock.advance(RECHECK_MS); // what main knew at sign-in is now too old to trust
          const refused = await calls[method]();
          assert.equal(codeOf(refused), 'AGENT_ACCOUNT_UNUSABLE', `${method} when ${change.what}: ${JSON.stringify(refused)}`);
          assert.match(!refused.ok ? refused.error.message : '', change.detail);
          assert.equal(value(await api.getSession({})).status, 'signedOut', `${method} ended the session when ${change.what}`);
        } finally {
          change.undo();
        }
      }
    });
  }

  it(`reads within ${AGENT_RECHECK_SECONDS} s of the last look at the account cost no directory read; later, one read for a burst`, async () => {
    value(await signIn(GLOBAL));
    for (let i = 0; i < 5; i++) value(await api.searchUsers({ query: 'ade' }));
    assert.equal(counter.reads, 0, 'the sign-in is the first look');
    fx.clock.advance(RECHECK_MS);
    const burst = await Promise.all([api.searchUsers({ query: 'a' }), api.listAudit({}), api.getSettings({}), api.listOutstandingTemporaryPasswords({})]);
    for (const result of burst as IpcResult<unknown>[]) value(result);
    assert.equal(counter.reads, 1, 'the burst waited for one read');
    // The bound: a change is noticed by the first call at most RECHECK_MS after the last look.
    fx.store.db.prepare('UPDATE users SET account_enabled = 0 WHERE upn = ?').run(GLOBAL);
    try {
      fx.clock.advance(RECHECK_MS - 1);
      value(await api.searchUsers({ query: 'a' }));
      fx.clock.advance(1);
      assert.equal(codeOf(await api.searchUsers({ query: 'a' })), 'AGENT_ACCOUNT_UNUSABLE');
    } finally {
      fx.store.db.prepare('UPDATE users SET account_enabled = 1 WHERE upn = ?').run(GLOBAL);
    }
  });

  it('a Global Administrator disabled mid-session: each refused connection change is audited, and the session ends', async () => {
    for (const call of [calls.saveDirectory, calls.removeDirectory, calls.useDirectory]) {
      value(await signIn(GLOBAL));
      const before = value(await api.listAudit({ action: 'directory.update' })).total;
      changes[0]!.apply();
      fx.clock.advance(RECHECK_MS); // past what the gate would trust: only the change's own check may answer
      try {
        assert.equal(codeOf(await call()), 'AGENT_ACCOUNT_UNUSABLE');
        assert.equal(codeOf(await api.getSettings({})), 'NOT_SIGNED_IN', 'signed out');
      } finally {
        changes[0]!.undo();
      }
      value(await signIn(GLOBAL));
      const events = value(await api.listAudit({ action: 'directory.update' })).events;
      assert.equal(events.length, before + 1);
      assert.deepEqual([events[0]?.actorUpn, events[0]?.result, events[0]?.errorCode], [GLOBAL, 'failure', 'AGENT_ACCOUNT_UNUSABLE']);
    }
  });

  it('an agent disabled mid-session: a reset and an unlock are refused by the change itself, each audited once (the gate lets them through)', async () => {
    for (const [call, action] of [[calls.resetPassword, 'password.reset'], [calls.unlockAccount, 'account.unlock']] as const) {
      value(await signIn(GLOBAL));
      const before = await fx.services.stores.audit.count({ action, actorUpn: GLOBAL });
      changes[0]!.apply();
      fx.clock.advance(RECHECK_MS); // past what the gate would trust: only the change's own check may answer
      try {
        assert.equal(codeOf(await call()), 'AGENT_ACCOUNT_UNUSABLE');
      } finally {
        changes[0]!.undo();
      }
      const [event] = await fx.services.stores.audit.list({ action, actorUpn: GLOBAL, limit: 1 });
      assert.equal(await fx.services.stores.audit.count({ action, actorUpn: GLOBAL }), before + 1, `${action}: one record of the refusal`);
      assert.deepEqual([event?.result, event?.errorCode], ['failure', 'AGENT_ACCOUNT_UNUSABLE']);
    }
  });

  /**
   * J: what each role reads. U users (search, the pane, the pre-flight, a suggested password, the live check,
   * the temporary passwords), A the audit and its export, S the settings, D the connection profiles, O the outbox.
   */
  const READS: Record<string, string> = {
    'Global Administrator': 'UASDO',
    'Privileged Authentication Administrator': 'UAS-O',
    'Privileged Role Administrator': '-----',
    'User Administrator': 'UAS-O',
    'Groups Administrator': '-----',
    'Authentication Administrator': 'UAS-O',
    'Helpdesk Administrator': 'UAS-O',
    'Password Administrator': 'UAS-O',
    'Directory Readers': '-----',
    'Guest Inviter': '-----',
    'Message Center Reader': '-----',
    'Reports Reader': '-AS--',
    'Usage Summary Reports Reader': '-----',
    'User Experience Success Manager': '-----',
    'Security Administrator': '-AS--',
    'Global Reader': 'UASD-',
    'Security Reader': '-AS--',
    '(no admin role)': '-----',
  };
  const READ_METHODS: Record<string, MethodName[]> = {
    U: ['searchUsers', 'getUser', 'preflightReset', 'suggestPassword', 'checkPassword', 'listOutstandingTemporaryPasswords', 'getDeliveryChannels', 'getDirectoryCopy'],
    A: ['listAudit', 'exportAudit'],
    S: ['getSettings'],
    D: ['listDirectories'],
    O: ['listOutbox'],
  };

  it('covers every role of the sample and every reading method', () => {
    const sampleRoles = new Set([...fx.accounts.values()].flatMap((a) => a.roles));
    assert.deepEqual([...sampleRoles].sort(), Object.keys(READS).filter((r) => !r.startsWith('(')).sort());
    const reading = METHOD_NAMES.filter((m) => typeof METHOD_ACCESS[m] === 'object');
    assert.deepEqual(Object.values(READ_METHODS).flat().sort(), [...reading].sort());
  });

  for (const [role, reads] of Object.entries(READS)) {
    it(`${role} reads ${reads.replace(/-/g, '') || 'nothing'}`, async () => {
      // No role at all: a sample agent whose one role is taken away (any user may sign in).
      const upn = role.startsWith('(')
        ? 'usage.reader@contoso.com'
        : [...fx.accounts.values()].find((a) => a.roles.length === 1 && a.roles[0] === role)!.upn;
      const roles = rolesOf(upn);
      if (role.startsWith('(')) setRoles(upn, []);
      try {
        const session = value(await signIn(upn));
        assert.equal(session.status, 'signedIn');
        for (const [letter, methods] of Object.entries(READ_METHODS)) {
          const may = reads.includes(letter);
          for (const method of methods) {
            const result = await calls[method]();
            if (!may) {
              assert.equal(codeOf(result), 'ROLE_REQUIRED', `${role} must not ${method}`);
              assert.match(!result.ok ? result.error.message : '', /needs one of these roles: .*Global Administrator/);
            } else if (method === 'suggestPassword') {
              // Reading is allowed; whether this role may reset the user is the engine's answer.
              assert.notEqual(codeOf(result), 'ROLE_REQUIRED', `${role} may ${method}`);
            } else {
              value(result);
            }
          }
        }
        if (session.status === 'signedIn') {
          const may = session.agent.may;
          assert.deepEqual(
            [may.readUsers, may.readAudit, may.readSettings, may.readDirectories, may.readOutbox],
            [...'UASDO'].map((letter) => reads.includes(letter)),
            'the window is told the same',
          );
        }
      } finally {
        setRoles(upn, roles);
      }
    });
  }
});
