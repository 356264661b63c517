import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function menu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = template.find((item) => item.label === label || item.role === label);
  if (!found || !Array.isArray(found.submenu)) throw new Error(`no ${label} menu`);
  return found.submenu;
}

describe('buildMenuTemplate', () => {
  it('has File › Quit, the Edit roles Monaco needs, full screen and About, and leaves the zoom keys to the page', () => {
    const template = buildMenuTemplate({ appName: 'Gopherlab', isMac: false, isDev: false });
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'help']);
    expect(roles(menu(template, 'File'))).toEqual(['quit']);
    expect(roles(menu(template, 'Edit'))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(roles(menu(template, 'View'))).toContain('togglefullscreen');
    // Their accelerators would swallow Ctrl/Cmd+=, - and 0, the app's own text zoom.
    for (const role of ['resetZoom', 'zoomIn', 'zoomOut']) expect(roles(template)).not.toContain(role);
    expect(roles(menu(template, 'help'))).toEqual(['about']);
  });

  it('offers reload and devtools only in development', () => {
    const prod = roles(buildMenuTemplate({ appName: 'Gopherlab', isMac: false, isDev: false }));
    const dev = roles(buildMenuTemplate({ appName: 'Gopherlab', isMac: false, isDev: true }));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(prod).not.toContain(role);
      expect(dev).toContain(role);
    }
  });

  it('puts Quit in the app menu on macOS', () => {
    const template = buildMenuTemplate({ appName: 'Gopherlab', isMac: true, isDev: false });
    expect(template[0]?.label).toBe('Gopherlab');
    expect(roles(menu(template, 'Gopherlab'))).toContain('quit');
    expect(roles(menu(template, 'File'))).toEqual(['close']);
  });
});
