import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortcutAction, type KeyLike } from '../../../renderer/app/shortcut-keys';

const press = (key: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('app-wide shortcuts', () => {
  it('Ctrl+K (⌘K on macOS) is the search, in either case of the letter', () => {
    assert.equal(shortcutAction(press('k', { ctrlKey: true }), false), 'searchUsers');
    assert.equal(shortcutAction(press('K', { ctrlKey: true }), false), 'searchUsers');
    assert.equal(shortcutAction(press('k', { metaKey: true }), true), 'searchUsers');
    assert.equal(shortcutAction(press('k', { ctrlKey: true }), true), null, 'Ctrl+K on macOS is the text field\'s own');
  });

  it('swallows the browser shortcuts that would leave the app or put the page in a file', () => {
    for (const key of ['e', 'l', 'o', 's', 'p', 'u', 'h', 'j']) {
      assert.equal(shortcutAction(press(key, { ctrlKey: true }), false), 'swallow', `Ctrl+${key}`);
    }
    assert.equal(shortcutAction(press('k', { ctrlKey: true, shiftKey: true }), false), 'swallow');
    assert.equal(shortcutAction(press('ArrowLeft', { altKey: true }), false), 'swallow', 'Alt+Left is Back');
    assert.equal(shortcutAction(press('ArrowRight', { altKey: true }), false), 'swallow', 'Alt+Right is Forward');
    assert.equal(shortcutAction(press('[', { metaKey: true }), true), 'swallow', '⌘[ is Back on macOS');
    assert.equal(shortcutAction(press('BrowserBack'), false), 'swallow');
    assert.equal(shortcutAction(press('BrowserSearch'), true), 'swallow');
  });

  it('leaves editing and moving the caret alone', () => {
    for (const key of ['a', 'c', 'v', 'x', 'z', 'y', 'f']) {
      assert.equal(shortcutAction(press(key, { ctrlKey: true }), false), null, `Ctrl+${key}`);
      assert.equal(shortcutAction(press(key, { metaKey: true }), true), null, `⌘${key}`);
    }
    for (const key of ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Backspace', 'Enter', 'Escape', 'k']) {
      assert.equal(shortcutAction(press(key), false), null, key);
    }
    assert.equal(shortcutAction(press('ArrowLeft', { altKey: true }), true), null, 'Option+Left moves by word');
    assert.equal(shortcutAction(press('h', { metaKey: true }), true), null, '⌘H is the system\'s Hide');
  });
});
