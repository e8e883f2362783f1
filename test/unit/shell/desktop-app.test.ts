import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CustomScheme, MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backend, BackendOptions } from '../../../electron/app/backend';
import type { DesktopApp, DesktopDeps } from '../../../electron/shell/desktop-app';
import { runDesktopApp } from '../../../electron/shell/desktop-app';
import type { Api } from '../../../electron/api/create-api';
import type { ApiEventListener } from '../../../shared/rpc';
import { BerthError } from '../../../shared/errors';
import { FakeContents, FakeEvent, FakeWindow } from './fakes';

class FakeApp extends EventEmitter implements DesktopApp {
  readonly isPackaged = true;
  hasLock = true;
  quits = 0;
  exitCode: number | null = null;
  constructor(readonly userData: string) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quits += 1;
    // Like Electron: quitting asks 'before-quit' first, and only goes on if nobody objects.
    this.emit('before-quit', new FakeEvent());
  }
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
  }
  getPath(): string {
    return this.userData;
  }
  getAppPath(): string {
    return '/opt/Berth/resources/app.asar';
  }
  getName(): string {
    return 'Berth';
  }
  getVersion(): string {
    return '0.1.0';
  }
}

interface Harness {
  deps: DesktopDeps<{ items: number }>;
  app: FakeApp;
  started: (BackendOptions & { mode: 'desktop' })[];
  closes: number;
  schemes: CustomScheme[];
  handled: string[];
  ipc: Map<string, unknown>;
  errors: string[][];
  listeners: Set<ApiEventListener>;
  menus: MenuItemConstructorOptions[][];
  aboutBoxes: MessageBoxOptions[];
}

let userData: string;
beforeEach(() => {
  userData = mkdtempSync(path.join(tmpdir(), 'berth-desktop-'));
  FakeWindow.created = [];
});
afterEach(() => {
  rmSync(userData, { recursive: true, force: true });
});

function harness(startBackend?: DesktopDeps['startBackend']): Harness {
  const app = new FakeApp(userData);
  const listeners = new Set<ApiEventListener>();
  const api: Api = {
    invoke: () => Promise.resolve({ ok: true, result: null }),
    invokeAs: () => Promise.resolve({ ok: true, result: null }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const h: Harness = {
    app,
    started: [],
    closes: 0,
    schemes: [],
    handled: [],
    ipc: new Map(),
    errors: [],
    listeners,
    menus: [],
    aboutBoxes: [],
    deps: undefined as unknown as DesktopDeps<{ items: number }>,
  };
  const backend: Backend = {
    api,
    close: () => {
      h.closes += 1;
      return Promise.resolve();
    },
  };
  h.deps = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel, listener) => h.ipc.set(channel, listener),
      removeHandler: (channel) => h.ipc.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => h.schemes.push(...schemes),
      handle: (scheme) => h.handled.push(scheme),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain) => Buffer.from(plain),
      decryptString: (sealed) => sealed.toString(),
      getSelectedStorageBackend: () => 'basic_text',
    },
    shell: { openExternal: () => Promise.resolve() },
    Menu: {
      buildFromTemplate: (template) => {
        h.menus.push(template);
        return { items: template.length };
      },
      setApplicationMenu: () => undefined,
    },
    dialog: {
      showMessageBox: (options) => {
        h.aboutBoxes.push(options);
        return Promise.resolve({});
      },
      showErrorBox: (title, content) => h.errors.push([title, content]),
    },
    startBackend:
      startBackend ??
      ((options) => {
        h.started.push(options);
        return Promise.resolve(backend);
      }),
    platform: 'linux',
    versions: { electron: '41.7.1', chrome: '146.0.0.0', node: '24.0.0' },
  };
  return h;
}

function theWindow(): FakeWindow {
  const window = FakeWindow.created[0];
  if (window === undefined) throw new Error('no window was opened');
  return window;
}

describe("Berth's desktop app lifecycle", () => {
  it('quits at once when another Berth already runs, starting nothing', async () => {
    const h = harness();
    h.app.hasLock = false;

    await runDesktopApp(h.deps);

    expect(h.app.quits).toBe(1);
    expect(h.started).toEqual([]);
    expect(FakeWindow.created).toEqual([]);
    expect(h.schemes).toEqual([]);
  });

  it('starts the backend in desktop mode on the user data folder with the safeStorage box', async () => {
    const h = harness();

    await runDesktopApp(h.deps);

    expect(h.started).toHaveLength(1);
    expect(h.started[0]?.dataDir).toBe(userData);
    expect(h.started[0]?.mode).toBe('desktop');
    // The stand-in keychain is Linux's basic_text: Settings must be told it is plain text.
    expect(h.started[0]?.secretBox.kind).toBe('plain-text');
  });

  it('registers app:// as privileged, serves the renderer, and opens one window on the app page', async () => {
    const h = harness();

    await runDesktopApp(h.deps);

    expect(h.schemes.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect(h.handled).toEqual(['app']);
    expect([...h.ipc.keys()]).toEqual(['berth:invoke']);
    expect(FakeWindow.created).toHaveLength(1);
    expect(theWindow().loadedUrl).toBe('app://berth/index.html');
    expect(theWindow().options.webPreferences?.preload).toBe(
      path.join('/opt/Berth/resources/app.asar', 'dist', 'electron', 'preload.cjs'),
    );
  });

  it('guards every new page against navigation and new windows', async () => {
    const h = harness();
    await runDesktopApp(h.deps);

    const contents = new FakeContents();
    h.app.emit('web-contents-created', {}, contents);
    const event = new FakeEvent('https://example.com/');
    contents.emit('will-navigate', event);

    expect(event.prevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
  });

  it('refuses certificate errors for every page', async () => {
    const h = harness();
    await runDesktopApp(h.deps);

    const answers: boolean[] = [];
    h.app.emit(
      'certificate-error',
      new FakeEvent(),
      null,
      'https://x/',
      'ERR',
      null,
      (ok: boolean) => answers.push(ok),
    );
    expect(answers).toEqual([false]);
  });

  it('pushes backend events to the window until it closes', async () => {
    const h = harness();
    await runDesktopApp(h.deps);

    for (const listener of h.listeners) listener({ type: 'host.status', payload: { id: 'h1' } });
    expect(theWindow().webContents.sent).toHaveLength(1);

    theWindow().emit('closed');
    expect(h.listeners.size).toBe(0);
  });

  it('brings the first window forward when Berth is launched again', async () => {
    const h = harness();
    await runDesktopApp(h.deps);
    theWindow().minimized = true;

    h.app.emit('second-instance');

    expect(theWindow().isMinimized()).toBe(false);
    expect(theWindow().focused).toBe(true);
  });

  it('closes the backend once on quit and then really quits, leaving instances to run', async () => {
    const h = harness();
    await runDesktopApp(h.deps);

    const first = new FakeEvent();
    h.app.emit('before-quit', first);
    h.app.emit('before-quit', new FakeEvent());
    expect(first.prevented).toBe(true);

    await vi.waitFor(() => {
      expect(h.app.quits).toBe(1);
    });
    expect(h.closes).toBe(1);
  });

  it('quits when the last window closes', async () => {
    const h = harness();
    await runDesktopApp(h.deps);

    h.app.emit('window-all-closed');

    await vi.waitFor(() => {
      expect(h.closes).toBe(1);
    });
  });

  it('shows a safe message and exits when the backend cannot start', async () => {
    const h = harness(() =>
      Promise.reject(
        new BerthError('storage', 'The database is locked by another program.', {
          engineMessage: 'SQLITE_BUSY: /home/op/.config/Berth/berth.db',
        }),
      ),
    );

    await runDesktopApp(h.deps);

    expect(h.errors).toEqual([
      ['Berth could not start', 'The database is locked by another program.'],
    ]);
    expect(h.app.exitCode).toBe(1);
    expect(FakeWindow.created).toEqual([]);
  });

  it('has an About entry that shows the versions', async () => {
    const h = harness();
    await runDesktopApp(h.deps);

    const help = h.menus[0]?.at(-1)?.submenu;
    const about = Array.isArray(help) ? help.find((item) => item.label === 'About Berth') : null;
    about?.click?.(undefined as never, undefined, undefined as never);

    expect(h.aboutBoxes).toHaveLength(1);
    expect(h.aboutBoxes[0]?.detail).toContain('Version 0.1.0');
    expect(h.aboutBoxes[0]?.detail).toContain('Electron 41.7.1');
  });
});
