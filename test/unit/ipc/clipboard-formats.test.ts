/**
 * What a copied temporary password is written as, per OS
 * (main/ipc/clipboard-formats.ts): the text plus the formats that clipboard
 * history and clipboard managers honour as "do not keep".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { osFormat, secretClipboardEntries } from '../../../main/ipc/clipboard-formats';

const TEXT = 'Xq7#mP2vL9!z';

test('raw formats use Electron’s osclipboard MIME type', () => {
  assert.equal(osFormat('Foo'), 'electron application/osclipboard;format="Foo"');
});

test('Windows: the three history/cloud/monitor formats, each a DWORD 0', () => {
  const entries = secretClipboardEntries('win32', TEXT);
  assert.deepEqual(Object.keys(entries).sort(), [
    'electron application/osclipboard;format="CanIncludeInClipboardHistory"',
    'electron application/osclipboard;format="CanUploadToCloudClipboard"',
    'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"',
    'text/plain',
  ]);
  assert.equal(entries['text/plain'], TEXT);
  for (const name of ['ExcludeClipboardContentFromMonitorProcessing', 'CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard']) {
    const value = entries[osFormat(name)];
    assert.ok(value instanceof Uint8Array, name);
    assert.equal(value.byteLength, 4, `${name} is a DWORD`);
    assert.deepEqual([...value], [0, 0, 0, 0], `${name} is 0`);
  }
});

test('macOS: org.nspasteboard.ConcealedType', () => {
  assert.deepEqual(secretClipboardEntries('darwin', TEXT), {
    'text/plain': TEXT,
    'electron application/osclipboard;format="org.nspasteboard.ConcealedType"': '',
  });
});

test('Linux (and other Unixes): x-kde-passwordManagerHint = secret', () => {
  const expected = {
    'text/plain': TEXT,
    'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret',
  };
  assert.deepEqual(secretClipboardEntries('linux', TEXT), expected);
  assert.deepEqual(secretClipboardEntries('freebsd', TEXT), expected);
});

test('the text is written exactly as given', () => {
  for (const text of ['', ' leading and trailing ', 'ünïcødé€', 'line\nbreak', '"quotes";format=x']) {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      assert.equal(secretClipboardEntries(platform, text)['text/plain'], text);
    }
  }
});
