/**
 * The application menu as data: which items exist on which platform and in
 * which build. Only a type comes from 'electron', so the decisions are
 * unit-tested under Node (test/unit/electron/menu-template.test.ts); menu.ts
 * installs the result.
 *
 * There is no "Sign out" item: the renderer talks to main by request/response
 * only, so main could not tell the page it had signed out. The page has its own
 * Sign out button.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** Re-exported so tests can name the type without importing 'electron'. */
export type MenuItem = MenuItemConstructorOptions;

export interface MenuContext {
  platform: NodeJS.Platform;
  /** False when run from the checkout (npm start, end-to-end tests). */
  isPackaged: boolean;
  appName: string;
  /** Shows the About panel (app.showAboutPanel). */
  onAbout(): void;
  /** Opens the Outbox screen (what the sample's local outbox received). */
  onOpenOutbox?(): void;
}

export function menuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  // "&" marks the Alt-key mnemonic on Windows and Linux; macOS menus have none.
  const label = (text: string) => (mac ? text : `&${text}`);
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: context.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  } else {
    template.push({ label: label('File'), submenu: [{ role: 'quit' }] });
  }
  // The roles give text fields their shortcuts (on macOS only through the menu).
  template.push({
    label: label('Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  // Zoom is for people who need larger text. Reload and DevTools are for
  // development only: a reload drops what the page shows (an open reset result)
  // and DevTools would expose the page and the API.
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!context.isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  template.push({ label: label('View'), submenu: view });
  template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [
      // The sample tenant's mail and SMS land here, so a newcomer can try verification without a mail server.
      ...(context.onOpenOutbox ? [{ label: 'Sample outbox…', click: () => context.onOpenOutbox?.() }] : []),
      { label: `About ${context.appName}`, click: () => context.onAbout() },
    ],
  });
  return template;
}
