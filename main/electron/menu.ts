/** Installs the application menu (menu-template.ts) and the About panel's contents. */
import { Menu, app } from 'electron';
import { menuTemplate } from './menu-template';

export function installMenu(actions: { onOpenOutbox(): void }): void {
  const appName = app.getName();
  app.setAboutPanelOptions({
    applicationName: appName,
    applicationVersion: app.getVersion(),
  });
  const template = menuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName,
    onAbout: () => app.showAboutPanel(),
    onOpenOutbox: actions.onOpenOutbox,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
