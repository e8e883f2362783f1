// The desktop app's life: one instance, the backend behind IPC, one window, and a clean quit.
import path from 'node:path';
import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import { toBerthError } from '../../shared/errors';
import type { Backend, BackendOptions } from '../app/backend';
import { componentLogger } from '../logger';
import { appEntryUrl } from './app-origin';
import { forwardEvents, registerIpc } from './ipc';
import type { InvokeRegistry } from './ipc';
import type { MainWindow, MainWindowConstructor } from './main-window';
import { createMainWindow } from './main-window';
import { aboutDetail, buildMenuTemplate } from './menu';
import type { GuardedContents, OpenExternal, PreventableEvent } from './navigation-guard';
import { guardNavigation } from './navigation-guard';
import type { ProtocolHandlers, SchemeRegistry } from './renderer-protocol';
import { registerAppScheme, serveRenderer } from './renderer-protocol';
import type { SafeStorage } from './safe-storage-secret-box';
import { createSafeStorageSecretBox } from './safe-storage-secret-box';
import type { CertificateErrorListener, PolicySession } from './security-policy';
import { installSecurityPolicy, refuseCertificateErrors } from './security-policy';
import { isTrustedSender } from './trusted-sender';

/** The parts of Electron's `app` the shell uses. */
export interface DesktopApp {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  getPath(name: 'userData'): string;
  getAppPath(): string;
  getName(): string;
  getVersion(): string;
  on(event: 'certificate-error', listener: CertificateErrorListener): unknown;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: GuardedContents) => void,
  ): unknown;
}

/** `TMenu` is Electron's Menu; a stand-in may use any object. */
export interface DesktopDeps<TMenu = unknown> {
  app: DesktopApp;
  BrowserWindow: MainWindowConstructor;
  ipcMain: InvokeRegistry;
  protocol: SchemeRegistry & ProtocolHandlers;
  /** Electron's session module; `defaultSession` is only read once the app is ready. */
  session: { readonly defaultSession: PolicySession };
  safeStorage: SafeStorage;
  shell: { openExternal: OpenExternal };
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): TMenu;
    setApplicationMenu(menu: TMenu | null): void;
  };
  dialog: {
    showMessageBox(options: MessageBoxOptions): Promise<unknown>;
    showErrorBox(title: string, content: string): void;
  };
  /** The composition root; the shell passes mode 'desktop' so the API reports it. */
  startBackend(options: BackendOptions & { mode: 'desktop' }): Promise<Backend>;
  platform: NodeJS.Platform;
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>;
  /** How long quitting waits for the backend to close before leaving anyway. */
  closeTimeoutMs?: number;
}

const log = componentLogger('shell');

/**
 * Runs Berth's desktop app: a second launch focuses the first; the backend starts on the user data
 * folder with a safeStorage secret box; quitting closes the backend (reaper, database) and leaves
 * running instances running. Resolves once the window is open, or the app is on its way out.
 */
export async function runDesktopApp<TMenu>(deps: DesktopDeps<TMenu>): Promise<void> {
  const { app } = deps;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  registerAppScheme(deps.protocol);
  refuseCertificateErrors(app);
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, deps.shell.openExternal);
  });

  let window: MainWindow | null = null;
  let backend: Promise<Backend> | null = null;
  let quitting: 'no' | 'closing' | 'closed' = 'no';
  // Read through a function: quitting can start while startup awaits, which narrowing cannot see.
  const quitStarted = (): boolean => quitting !== 'no';

  app.on('second-instance', () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => {
    app.quit();
  });

  app.on('before-quit', (event) => {
    if (quitting === 'closed') return;
    event.preventDefault();
    if (quitting === 'closing') return;
    quitting = 'closing';
    void closeBackend(backend, deps.closeTimeoutMs ?? 10_000).finally(() => {
      quitting = 'closed';
      app.quit();
    });
  });

  await app.whenReady();
  if (quitStarted()) return;

  installSecurityPolicy(deps.session.defaultSession);
  const appPath = app.getAppPath();
  serveRenderer(deps.protocol, path.join(appPath, 'dist', 'renderer'));

  const dataDir = app.getPath('userData');
  const secretBox = createSafeStorageSecretBox(deps.safeStorage, deps.platform);
  log.info({ dataDir, secretStorage: secretBox.kind }, 'Starting the backend');
  backend = deps.startBackend({ dataDir, secretBox, mode: 'desktop' });

  let started: Backend;
  try {
    started = await backend;
  } catch (error) {
    const failure = toBerthError(error);
    log.error(
      { kind: failure.kind, engineMessage: failure.engineMessage },
      'The backend did not start',
    );
    deps.dialog.showErrorBox(`${app.getName()} could not start`, failure.message);
    app.exit(1);
    return;
  }
  if (quitStarted()) return;

  registerIpc(deps.ipcMain, started.api, isTrustedSender);
  setMenu(deps);

  const opened = createMainWindow({
    BrowserWindow: deps.BrowserWindow,
    preloadPath: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    url: appEntryUrl,
    sizeFile: path.join(dataDir, 'window-state.json'),
    title: app.getName(),
  });
  window = opened;
  const stopForwarding = forwardEvents(started.api, opened.webContents);
  opened.on('closed', () => {
    stopForwarding();
    window = null;
  });
}

function setMenu<TMenu>(deps: DesktopDeps<TMenu>): void {
  const { app } = deps;
  const template = buildMenuTemplate({
    appName: app.getName(),
    platform: deps.platform,
    isPackaged: app.isPackaged,
    onAbout: () => {
      const options: MessageBoxOptions = {
        type: 'info',
        title: `About ${app.getName()}`,
        message: app.getName(),
        detail: aboutDetail({ app: app.getVersion(), ...deps.versions }),
        buttons: ['OK'],
      };
      deps.dialog.showMessageBox(options).catch((error: unknown) => {
        log.warn({ err: error }, 'The About box did not open');
      });
    },
  });
  deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(template));
}

async function closeBackend(backend: Promise<Backend> | null, timeoutMs: number): Promise<void> {
  if (backend === null) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, timeoutMs);
  });

  try {
    const closing = backend.then((started) => started.close());
    const outcome = await Promise.race([closing.then(() => 'closed' as const), timeout]);
    if (outcome === 'timeout')
      log.warn({ timeoutMs }, 'The backend did not close in time; quitting anyway');
    else log.info('The backend closed; running instances keep running');
  } catch (error) {
    log.error({ err: error }, 'The backend did not close cleanly');
  } finally {
    clearTimeout(timer);
  }
}
