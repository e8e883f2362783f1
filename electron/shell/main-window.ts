// Berth's one window: hardened web preferences, hidden until painted, remembering its size.
import type { BrowserWindowConstructorOptions } from 'electron';
import { componentLogger } from '../logger';
import type { EventSink } from './ipc';
import type { WindowSize } from './window-state';
import { minWindowSize, readWindowSize, writeWindowSize } from './window-state';

/** The parts of a BrowserWindow the shell uses. */
export interface MainWindow {
  readonly webContents: EventSink;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close' | 'closed', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  getNormalBounds(): { width: number; height: number };
}

export type MainWindowConstructor = new (options: BrowserWindowConstructorOptions) => MainWindow;

export interface MainWindowDeps {
  BrowserWindow: MainWindowConstructor;
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  /** The app:// page to load. */
  url: string;
  /** Where the window's size is remembered. */
  sizeFile: string;
  title: string;
}

const log = componentLogger('shell');

/** The window's options: isolated, sandboxed, no Node in the page, web security on, hidden at first. */
export function mainWindowOptions(
  preloadPath: string,
  size: WindowSize,
  title: string,
): BrowserWindowConstructorOptions {
  return {
    title,
    width: size.width,
    height: size.height,
    minWidth: minWindowSize.width,
    minHeight: minWindowSize.height,
    show: false,
    backgroundColor: '#14171c',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** Opens the window hidden, shows it once painted, and saves its size when it closes. */
export function createMainWindow(deps: MainWindowDeps): MainWindow {
  const size = readWindowSize(deps.sizeFile);
  const window = new deps.BrowserWindow(mainWindowOptions(deps.preloadPath, size, deps.title));

  window.once('ready-to-show', () => {
    if (size.maximized) window.maximize();
    window.show();
  });

  window.on('close', () => {
    const bounds = window.getNormalBounds();
    writeWindowSize(deps.sizeFile, {
      width: bounds.width,
      height: bounds.height,
      maximized: window.isMaximized(),
    });
  });

  window.loadURL(deps.url).catch((error: unknown) => {
    log.error({ err: error }, 'The window could not load Berth’s page');
  });
  return window;
}
