/**
 * Issue 16, L: a refusal names the field or option that was wrong, never what
 * was typed there (it may be a password pasted in the wrong place, or a DN an
 * attacker chose). Every command line below carries a marker in the argument
 * that is wrong (a command, an option, a setting, a profile name, a role
 * group's DN, a path…) and is refused with INVALID_INPUT (or, for a
 * connection name, DIRECTORY_PROFILE_NOT_FOUND); the marker never comes back,
 * in text or in JSON.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runInProcess } from '../../support/cli-process';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { MemorySecretStore } from '../../support/memory-secret-store';

const MARKER = 'Zq7Marker7qZ';
const AGENT = 'global.admin@contoso.com';
const URL = 'ldaps://dc1.corp.example:636';
const ADD = ['directory', 'add', 'corp', '--type', 'ad', '--url', URL, '--base', 'DC=corp,DC=example'];

/** Each command line, the marker where the refusal is about. */
const REFUSED: string[][] = [
  [MARKER],
  ['users', MARKER],
  [`--${MARKER}`],
  [`-${MARKER}`],
  ['users', 'search', `x${'y'.repeat(300)}${MARKER}`],
  ['users', 'show', `${MARKER} at contoso.com`],
  ['signin', MARKER],
  ['password', 'reset', `${MARKER}@contoso.com`, '--as', MARKER],
  ['password', 'reset', `${MARKER}@contoso.com`, '--as', AGENT, '--send', MARKER],
  ['account', 'unlock', `${MARKER}@@contoso.com`, '--as', AGENT],
  ['tenant', 'set', MARKER, '1', '--as', AGENT],
  ['tenant', 'set', 'passwordWriteback', MARKER, '--as', AGENT],
  ['tenant', 'set', 'callerVerification', MARKER, '--as', AGENT],
  ['tenant', 'set', 'passwordHistoryCount', MARKER, '--as', AGENT],
  ['tenant', 'banned', MARKER],
  ['tenant', 'banned', 'remove', `${MARKER}x`, '--as', AGENT],
  ['audit', 'list', MARKER],
  ['audit', 'list', '--limit', MARKER],
  ['temp-passwords', '--offset', MARKER, '--as', AGENT],
  ['init', '--sample', MARKER],
  ['init', '--seed', MARKER],
  ['init', '--tenant', 'Fabrikam', '--domain', MARKER],
  ['verify', 'send', 'adele.vance@contoso.com', '--method', MARKER, '--as', AGENT],
  ['verify', 'check', 'adele.vance@contoso.com', '--method', MARKER, '--as', AGENT],
  ['directory', 'add', `${'n'.repeat(64)}${MARKER}`, '--type', 'ad', '--url', URL, '--base', 'DC=corp,DC=example'],
  ['directory', 'add', 'corp', '--type', MARKER, '--url', URL, '--base', 'DC=corp,DC=example'],
  ['directory', 'add', 'corp', '--type', 'ad', '--url', `ldaps://${MARKER}:636/dc`, '--base', 'DC=corp,DC=example'],
  ['directory', 'add', 'corp', '--type', 'ad', '--url', URL, '--base', MARKER],
  ['directory', 'add', 'corp', '--type', 'ad', '--url', URL, '--base', 'DC=corp,DC=example', '--users-dn', MARKER],
  ['directory', 'add', 'corp', '--type', 'ad', '--url', URL, '--base', 'DC=corp,DC=example', '--bind', MARKER],
  ['directory', 'add', 'corp', '--type', 'ad', '--url', URL, '--base', 'DC=corp,DC=example', '--service-account', MARKER, '--bind', 'service'],
  ['directory', 'add', 'corp', '--type', 'openldap', '--url', URL, '--base', 'dc=corp,dc=example', '--upn-attribute', `${MARKER}!`],
  ['directory', 'add', 'corp', '--type', 'ad', '--url', URL, '--base', 'DC=corp,DC=example', '--ca', `/nowhere/${MARKER}.pem`],
  ['directory', 'add', 'corp', '--type', 'ad', '--url', URL, '--base', 'DC=corp,DC=example', '--verification-sms', `${MARKER}!`],
  // A role group's DN is the key of its field: the refusal names --role-group, not the DN.
  [...ADD, '--role-group', `CN=${MARKER}\nOU=x=Global Administrator`],
  [...ADD, '--role-group', `CN=${'g'.repeat(1030)}${MARKER},DC=corp=Global Administrator`],
  [...ADD, '--role-group', `CN=Admins,DC=corp=${MARKER}`],
  [...ADD, '--role-group', MARKER],
  ['directory', 'use', MARKER, '--as', AGENT],
  ['directory', 'remove', MARKER, '--as', AGENT],
  ['directory', 'test', MARKER, '--as', AGENT],
  ['users', 'search', 'ade', '--directory', MARKER, '--as', AGENT],
  ['delivery', 'test', '--to', MARKER, '--as', AGENT],
  ['delivery', 'off', MARKER, '--as', AGENT],
  ['delivery', 'smtp', '--host', 'smtp.contoso.com', '--port', MARKER, '--from', 'helpdesk@contoso.com', '--as', AGENT],
  ['delivery', 'smtp', '--host', `${MARKER} host`, '--port', '587', '--from', 'helpdesk@contoso.com', '--as', AGENT],
  ['delivery', 'smtp', '--host', 'smtp.contoso.com', '--port', '587', '--from', MARKER, '--as', AGENT],
  ['delivery', 'smtp', '--host', 'smtp.contoso.com', '--port', '587', '--from', 'helpdesk@contoso.com', '--security', MARKER, '--as', AGENT],
  ['delivery', 'smtp', '--host', 'smtp.contoso.com', '--port', '587', '--from', 'helpdesk@contoso.com', '--ca', `/nowhere/${MARKER}.pem`, '--as', AGENT],
  ['delivery', 'sms', '--url', `http://${MARKER}/send`, '--as', AGENT],
  ['delivery', 'sms', '--url', 'https://sms.contoso.com/send', '--field-to', `${MARKER}!`, '--as', AGENT],
];

describe('a refusal never repeats what the caller typed', () => {
  let fx: SampleFixture;
  before(async () => {
    fx = await sampleDirectory({ size: 40 });
    // A connection already there, so adding it again is refused by name.
    const added = await cli([...ADD.slice(0, 2), `${MARKER}corp`, ...ADD.slice(3)]);
    assert.equal(added.status, 0, added.stdout + added.stderr);
  });
  after(() => fx.close());

  const cli = (args: string[], json = true) =>
    runInProcess([...args, '--db', fx.dbPath, ...(json ? ['--json'] : [])], {
      env: { RESETDESK_AGENT_PASSWORD: fx.passwordOf(AGENT).reveal(), RESETDESK_SERVICE_PASSWORD: 'Service-Passw0rd!' },
      stdin: [`${MARKER}-line`],
      hasher: FAST_HASHER,
      secrets: new MemorySecretStore(),
    });

  // The connection added again is refused by its name once a Global Administrator asks (who may is decided first).
  for (const args of [...REFUSED, [...ADD.slice(0, 2), `${MARKER}corp`, ...ADD.slice(3), '--as', AGENT]]) {
    it(args.join(' ').slice(0, 110), async () => {
      for (const json of [true, false]) {
        const run = await cli(args, json);
        const said = run.stdout + run.stderr;
        assert.notEqual(run.status, 0, said);
        const code = json ? run.json.error.code : /\[([A-Z_]+)\]$/.exec(run.stderr.trim())?.[1];
        assert.ok(['INVALID_INPUT', 'DIRECTORY_PROFILE_NOT_FOUND'].includes(code), `${code}: ${said}`);
        assert.equal(said.toLowerCase().includes(MARKER.toLowerCase()), false, `the marker came back: ${said}`);
      }
    });
  }
});
