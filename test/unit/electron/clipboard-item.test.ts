/** The secret-copy entries as ClipboardItem data (main/electron/clipboard-item.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipboardItemData } from '../../../main/electron/clipboard-item';
import { osFormat, secretClipboardEntries } from '../../../main/ipc/clipboard-formats';

test('strings stay strings, bytes become Blobs with exactly those bytes', async () => {
  const data = clipboardItemData(secretClipboardEntries('win32', 'Temp#Pass1'));
  assert.equal(data['text/plain'], 'Temp#Pass1');
  const history = data[osFormat('CanIncludeInClipboardHistory')];
  assert.ok(history instanceof Blob);
  assert.deepEqual(new Uint8Array(await history.arrayBuffer()), new Uint8Array([0, 0, 0, 0]));
  assert.deepEqual(Object.keys(data), Object.keys(secretClipboardEntries('win32', 'x')));
});

test('a view over a larger buffer contributes only its own bytes', async () => {
  const buffer = new Uint8Array([9, 9, 0, 0, 0, 0, 9, 9]);
  const data = clipboardItemData({ 'text/plain': 'x', raw: buffer.subarray(2, 6) });
  const blob = data.raw as Blob;
  assert.equal(blob.size, 4);
  assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), new Uint8Array(4));
});

test('macOS and Linux markers are strings', () => {
  assert.equal(clipboardItemData(secretClipboardEntries('darwin', 'p'))[osFormat('org.nspasteboard.ConcealedType')], '');
  assert.equal(clipboardItemData(secretClipboardEntries('linux', 'p'))[osFormat('x-kde-passwordManagerHint')], 'secret');
});
