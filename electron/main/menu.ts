// The application menu: Quit, the Edit roles Monaco needs for copy/paste (on macOS the shortcuts
// only work through menu roles), full screen, and reload/devtools in dev only. No zoom roles: their
// accelerators (Ctrl/Cmd+=, -, 0) would take the keys before the page, whose own zoom sizes the
// editor and output text (and presentation mode enlarges the rest) — see renderer/app/shortcuts.ts.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  isDev: boolean;
}

export function buildMenuTemplate({ appName, isMac, isDev }: MenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];

  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({ label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] });

  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });

  const devItems: MenuItemConstructorOptions[] = isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  template.push({
    label: 'View',
    submenu: [
      ...devItems,
      { role: 'togglefullscreen' },
    ],
  });

  template.push({ role: 'help', submenu: [{ role: 'about', label: `About ${appName}` }] });
  return template;
}
