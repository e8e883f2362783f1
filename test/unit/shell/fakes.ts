// Stand-ins for the Electron objects the shell touches, recording what Berth asked of them.
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { ApiEvent } from '../../../shared/rpc';
import type { MainWindow } from '../../../electron/shell/main-window';
import type { GuardedContents, NavigationEvent } from '../../../electron/shell/navigation-guard';

/** A cancellable event that remembers whether it was cancelled. */
export class FakeEvent implements NavigationEvent {
  prevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.prevented = true;
  }
}

/** A WebContents with the guard's hooks and an event sink. */
export class FakeContents extends EventEmitter implements GuardedContents {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  readonly sent: { channel: string; event: ApiEvent }[] = [];
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, event: ApiEvent): void {
    this.sent.push({ channel, event });
  }
}

/** A BrowserWindow that records its options and what was done to it. */
export class FakeWindow extends EventEmitter implements MainWindow {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeContents();
  loadedUrl: string | null = null;
  shown = false;
  focused = false;
  minimized = false;
  maximized = false;
  bounds = { width: 0, height: 0 };

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { width: options.width ?? 0, height: options.height ?? 0 };
    FakeWindow.created.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): { width: number; height: number } {
    return this.bounds;
  }
}
