/** The application menu per platform and build (main/electron/menu-template.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { menuTemplate, type MenuContext, type MenuItem } from '../../../main/electron/menu-template';

const context = (over: Partial<MenuContext> = {}): MenuContext => ({
  platform: 'win32',
  isPackaged: true,
  appName: 'Resetdesk',
  onAbout: () => {},
  ...over,
});

/** Every role in the menu, depth first. */
function roles(items: MenuItem[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

test('Edit has the roles text fields need, on every platform', () => {
  for (const [platform, label] of [['darwin', 'Edit'], ['win32', '&Edit'], ['linux', '&Edit']] as const) {
    const edit = menuTemplate(context({ platform })).find((item) => item.label === label);
    assert.deepEqual(roles(edit?.submenu as MenuItem[]), ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'], platform);
  }
});

test('macOS gets the app menu; elsewhere File holds Quit', () => {
  const mac = menuTemplate(context({ platform: 'darwin' }));
  assert.equal(mac[0]?.label, 'Resetdesk');
  assert.ok(roles([mac[0]!]).includes('about') && roles([mac[0]!]).includes('quit'));
  const win = menuTemplate(context({ platform: 'win32' }));
  assert.equal(win[0]?.label, '&File');
  assert.deepEqual(roles([win[0]!]), ['quit']);
  assert.equal(roles(win).filter((r) => r === 'quit').length, 1);
});

test('DevTools and reload only when not packaged', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    const packaged = roles(menuTemplate(context({ platform, isPackaged: true })));
    assert.ok(!packaged.includes('toggleDevTools') && !packaged.includes('reload') && !packaged.includes('forceReload'));
    const dev = roles(menuTemplate(context({ platform, isPackaged: false })));
    assert.ok(dev.includes('toggleDevTools') && dev.includes('reload'));
  }
});

test('Help → About shows the About panel', () => {
  let shown = 0;
  const help = menuTemplate(context({ onAbout: () => shown++ })).find((item) => item.role === 'help');
  const about = (help?.submenu as MenuItem[])[0];
  assert.equal(about?.label, 'About Resetdesk');
  (about?.click as () => void)();
  assert.equal(shown, 1);
});
