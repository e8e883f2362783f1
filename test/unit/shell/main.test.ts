import { describe, expect, it, vi } from 'vitest';

// Loads the real entry point against a stand-in `electron` module and a stand-in backend: this
// checks that Berth wires its shell to Electron's modules, not what Electron does with them.
const stand = vi.hoisted(() => ({
  calls: [] as string[],
  schemes: [] as unknown[],
  started: [] as unknown[],
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: () => {
      stand.calls.push('requestSingleInstanceLock');
      return true;
    },
    whenReady: () => Promise.resolve(),
    quit: () => stand.calls.push('quit'),
    exit: () => stand.calls.push('exit'),
    getPath: () => '/home/op/.config/Berth',
    getAppPath: () => '/opt/Berth/resources/app.asar',
    getName: () => 'Berth',
    getVersion: () => '0.1.0',
  });
  class BrowserWindow extends EventEmitter {
    readonly webContents = { isDestroyed: () => false, send: () => undefined };
    constructor(readonly options: unknown) {
      super();
      stand.calls.push('BrowserWindow');
    }
    loadURL(url: string): Promise<void> {
      stand.calls.push(`loadURL ${url}`);
      return Promise.resolve();
    }
  }
  return {
    app,
    BrowserWindow,
    dialog: { showMessageBox: () => Promise.resolve({}), showErrorBox: () => undefined },
    ipcMain: { handle: (channel: string) => stand.calls.push(`handle ${channel}`) },
    Menu: { buildFromTemplate: () => ({}), setApplicationMenu: () => undefined },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => stand.schemes.push(...schemes),
      handle: (scheme: string) => stand.calls.push(`protocol.handle ${scheme}`),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text),
      decryptString: (data: Buffer) => data.toString(),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
    shell: { openExternal: () => Promise.resolve() },
  };
});

vi.mock('../../../electron/app/start-backend', () => ({
  startBackend: (options: unknown) => {
    stand.started.push(options);
    return Promise.resolve({
      api: { invoke: () => Promise.resolve({ ok: true }), subscribe: () => () => undefined },
      close: () => Promise.resolve(),
    });
  },
}));

describe("Berth's desktop entry point", () => {
  it('takes the single-instance lock, starts the backend and opens the app page', async () => {
    await import('../../../electron/main');

    await vi.waitFor(() => {
      expect(stand.calls).toContain('loadURL app://berth/index.html');
    });
    expect(stand.calls[0]).toBe('requestSingleInstanceLock');
    expect(stand.schemes).toMatchObject([{ scheme: 'app' }]);
    expect(stand.calls).toEqual(
      expect.arrayContaining(['protocol.handle app', 'handle berth:invoke', 'BrowserWindow']),
    );
    expect(stand.started).toMatchObject([
      { dataDir: '/home/op/.config/Berth', mode: 'desktop', secretBox: { kind: 'safe-storage' } },
    ]);
  });
});
