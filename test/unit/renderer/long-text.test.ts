import assert from 'node:assert/strict';
import { test } from 'node:test';
import { breakParts, breakPoints } from '../../../renderer/components/long-text';

test('a guest UPN wraps after its dots, underscore and @, never inside a word', () => {
  assert.deepEqual(breakParts('henrietta.mueller_northwind.com#EXT#@contoso.onmicrosoft.com'), [
    'henrietta.',
    'mueller_',
    'northwind.',
    'com#EXT#@',
    'contoso.',
    'onmicrosoft.',
    'com',
  ]);
  assert.deepEqual(breakParts('adele.vance@contoso.com'), ['adele.', 'vance@', 'contoso.', 'com']);
});

test('a DN wraps after its commas, a path after its slashes', () => {
  assert.deepEqual(breakParts('CN=Helpdesk Admins,OU=Groups,DC=contoso,DC=com'), [
    'CN=Helpdesk Admins,',
    'OU=Groups,',
    'DC=contoso,',
    'DC=com',
  ]);
  assert.deepEqual(breakParts('/home/agent/.config/Resetdesk/directory.sqlite'), [
    '/home/',
    'agent/',
    '.config/',
    'Resetdesk/',
    'directory.',
    'sqlite',
  ]);
  assert.deepEqual(breakParts('C:\\Users\\agent\\AppData'), ['C:\\', 'Users\\', 'agent\\', 'AppData']);
});

test('plain words, numbers, and separators that start or end a token or the text are left whole', () => {
  for (const whole of ['Facilities', 'Facilities Manager', 'Dec 7, 2026, 7:58 PM', '1,000 users', 'version 2.5', 'Done.', '.hidden', 'a..b', 'x @ y', '', '.', '@']) {
    assert.deepEqual(breakPoints(whole), [], whole);
    assert.deepEqual(breakParts(whole), [whole], whole);
  }
  assert.deepEqual(breakPoints('ldaps://dc1.corp.contoso.com:636'), [12, 17, 25], 'not inside "://", nor between digits');
});

test('the parts always join back to the text, each break just after a separator', () => {
  const samples = [
    'alice_fabrikam.com#EXT#@contoso.onmicrosoft.com',
    'OU=Users,OU=Corp,DC=corp,DC=contoso,DC=com',
    'a.b.c.d.e.f',
    '__init__.py',
    'Embedded · Contoso · /tmp/resetdesk-e2e-sample/copy-1',
  ];
  for (const text of samples) {
    assert.equal(breakParts(text).join(''), text, text);
    for (const point of breakPoints(text)) assert.match(text[point - 1]!, /[.@_,/\\]/, `${text} at ${point}`);
  }
});
