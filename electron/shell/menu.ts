// The application menu: the usual roles per platform and an About entry with versions.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer entries (reload, dev tools) only appear when running unpackaged. */
  isPackaged: boolean;
  onAbout: () => void;
}

export interface AboutVersions {
  app: string;
  electron?: string;
  chrome?: string;
  node?: string;
  v8?: string;
}

/** The menu template for `platform`: app (macOS), File, Edit, View, Window and Help with About. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = {
    label: `About ${options.appName}`,
    click: options.onAbout,
  };
  const isMac = options.platform === 'darwin';

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...developer,
    ],
  };

  return [
    ...(isMac ? [appMenu] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    viewMenu,
    { role: 'windowMenu' },
    { role: 'help', submenu: isMac ? [] : [about] },
  ];
}

/** The About box's text: Berth's version, then the runtime versions an operator reports a bug with. */
export function aboutDetail(versions: AboutVersions): string {
  const lines = [`Version ${versions.app}`];
  if (versions.electron !== undefined) lines.push(`Electron ${versions.electron}`);
  if (versions.chrome !== undefined) lines.push(`Chromium ${versions.chrome}`);
  if (versions.node !== undefined) lines.push(`Node.js ${versions.node}`);
  if (versions.v8 !== undefined) lines.push(`V8 ${versions.v8}`);
  return lines.join('\n');
}
