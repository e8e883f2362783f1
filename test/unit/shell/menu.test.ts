import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, buildMenuTemplate } from '../../../electron/shell/menu';

function labels(template: MenuItemConstructorOptions[]): string[] {
  return template.map((item) => item.role ?? item.label ?? '?');
}

function items(menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const submenu = menu?.submenu;
  return Array.isArray(submenu) ? submenu : [];
}

describe("Berth's menu", () => {
  it('offers File, Edit, View, Window and Help with About on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const onAbout = vi.fn();
      const template = buildMenuTemplate({ appName: 'Berth', platform, isPackaged: true, onAbout });

      expect(labels(template)).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu', 'help']);
      const about = items(template.at(-1)).find((item) => item.label === 'About Berth');
      expect(about).toBeDefined();
      about?.click?.(undefined as never, undefined, undefined as never);
      expect(onAbout).toHaveBeenCalledTimes(1);
    }
  });

  it('puts About first in the application menu on macOS', () => {
    const template = buildMenuTemplate({
      appName: 'Berth',
      platform: 'darwin',
      isPackaged: true,
      onAbout: () => undefined,
    });

    expect(labels(template)[0]).toBe('Berth');
    expect(items(template[0])[0]?.label).toBe('About Berth');
    expect(items(template[0]).some((item) => item.role === 'quit')).toBe(true);
  });

  it('shows reload and developer tools only when running unpackaged', () => {
    const roles = (isPackaged: boolean): unknown[] =>
      items(
        buildMenuTemplate({ appName: 'Berth', platform: 'linux', isPackaged, onAbout: () => 0 })[2],
      ).map((item) => item.role);

    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('lists the versions an operator reports a bug with in About', () => {
    expect(
      aboutDetail({ app: '0.1.0', electron: '41.7.1', chrome: '146.0.1', node: '24.3.0' }),
    ).toBe('Version 0.1.0\nElectron 41.7.1\nChromium 146.0.1\nNode.js 24.3.0');
  });
});
