/**
 * Who may read what (main/reset/read-rights.ts), against Entra's documented
 * lists written out here as strings, so the module cannot grade itself; and
 * how a refused bind of the agent's own account reads (agent-account.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../main/domain/errors';
import { ownBindRefusal } from '../../../main/reset/agent-account';
import { mayRead, readRefusal, READERS, rightsOf } from '../../../main/reset/read-rights';

const RESETTERS = [
  'Password Administrator', 'Helpdesk Administrator', 'Authentication Administrator', 'User Administrator',
  'Privileged Authentication Administrator', 'Global Administrator',
];

describe('read rights, in Entra\'s terms', () => {
  it('the audit: Entra\'s audit-log readers and the roles that reset', () => {
    // "What are Microsoft Entra audit logs?": Reports Reader, Security Reader, Security Administrator, Global Reader.
    for (const role of ['Reports Reader', 'Security Reader', 'Security Administrator', 'Global Reader', ...RESETTERS]) {
      assert.ok(mayRead('audit', [role]), role);
    }
    for (const role of ['Directory Readers', 'Guest Inviter', 'Message Center Reader', 'Groups Administrator', 'Privileged Role Administrator']) {
      assert.ok(!mayRead('audit', [role]), role);
    }
    assert.ok(!mayRead('audit', []), 'no role');
  });

  it('users: those who may reset someone, and Global Reader; every one of them reads the audit the user pane shows', () => {
    assert.deepEqual([...READERS.users].sort(), [...RESETTERS, 'Global Reader'].sort());
    for (const role of READERS.users) assert.ok(mayRead('audit', [role]), `${role} sees the pane's recent activity`);
    assert.ok(!mayRead('users', ['Directory Readers']));
    assert.ok(!mayRead('users', ['Reports Reader', 'Security Reader']));
  });

  it('profiles: Global Administrator and Global Reader; the outbox: the roles that reset', () => {
    assert.deepEqual([...READERS.directories], ['Global Administrator', 'Global Reader']);
    assert.deepEqual([...READERS.outbox].sort(), [...RESETTERS].sort());
  });

  it('a refusal is ROLE_REQUIRED and names the roles that may', () => {
    const refusal = readRefusal('directories', ['Helpdesk Administrator']);
    assert.ok(refusal instanceof DomainError);
    assert.equal(refusal.code, 'ROLE_REQUIRED');
    assert.match(refusal.message, /Reading the directory connections needs one of these roles: Global Administrator, Global Reader\./);
    assert.equal(readRefusal('audit', ['Reports Reader']), null);
  });

  it('tells the window what the roles open', () => {
    assert.deepEqual(rightsOf(['Global Reader']), {
      readUsers: true, readAudit: true, readSettings: true, readDirectories: true, readOutbox: false,
    });
    assert.deepEqual(rightsOf([]), {
      readUsers: false, readAudit: false, readSettings: false, readDirectories: false, readOutbox: false,
    });
  });
});

describe('a directory refusing the agent\'s own bind', () => {
  it('reads as AGENT_ACCOUNT_UNUSABLE for the account\'s own reasons, and as nothing for a server that does not answer', () => {
    assert.match(ownBindRefusal(new DomainError('ACCOUNT_DISABLED'))?.message ?? '', /signed out.*It was disabled\./);
    assert.match(ownBindRefusal(new DomainError('LOCKED_OUT'))?.message ?? '', /It is locked out\./);
    assert.equal(ownBindRefusal(new DomainError('AUTH_FAILED'))?.code, 'AGENT_ACCOUNT_UNUSABLE');
    assert.equal(ownBindRefusal(new DomainError('DIRECTORY_UNREACHABLE')), null);
    assert.equal(ownBindRefusal(new Error('boom')), null);
  });
});
