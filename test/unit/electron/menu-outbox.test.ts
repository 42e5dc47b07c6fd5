/** Help → Sample outbox… (main/electron/menu-template.ts): present when the glue gives it an action, and calls it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { menuTemplate, type MenuContext, type MenuItem } from '../../../main/electron/menu-template';

const base: MenuContext = { platform: 'linux', isPackaged: true, appName: 'Resetdesk', onAbout: () => {} };

function helpItems(context: MenuContext): MenuItem[] {
  const help = menuTemplate(context).find((item) => item.role === 'help');
  return (help?.submenu as MenuItem[] | undefined) ?? [];
}

test('Help offers "Sample outbox…" first, and clicking it opens the Outbox', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    let opened = 0;
    const items = helpItems({ ...base, platform, onOpenOutbox: () => opened++ });
    assert.deepEqual(items.map((i) => i.label), ['Sample outbox…', 'About Resetdesk'], platform);
    (items[0]?.click as () => void)();
    assert.equal(opened, 1, platform);
  }
});

test('without an action (a context that cannot open it) there is no such item', () => {
  assert.deepEqual(helpItems(base).map((i) => i.label), ['About Resetdesk']);
});
