import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainWindow, mainWindowOptions } from '../../../electron/shell/main-window';
import { defaultWindowSize, readWindowSize } from '../../../electron/shell/window-state';
import { FakeWindow } from './fakes';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-window-'));
  FakeWindow.created = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(): FakeWindow {
  createMainWindow({
    BrowserWindow: FakeWindow,
    preloadPath: '/app/dist/electron/preload.cjs',
    url: 'app://berth/index.html',
    sizeFile: path.join(dir, 'window-state.json'),
    title: 'Berth',
  });
  const window = FakeWindow.created.at(-1);
  if (window === undefined) throw new Error('no window was created');
  return window;
}

describe("Berth's window config", () => {
  it('isolates and sandboxes the page, with no Node integration and web security on', () => {
    const prefs = mainWindowOptions('/p/preload.cjs', defaultWindowSize, 'Berth').webPreferences;

    expect(prefs).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('creates the window hidden and shows it only once it is ready to show', () => {
    const window = open();

    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences?.preload).toBe('/app/dist/electron/preload.cjs');
    expect(window.loadedUrl).toBe('app://berth/index.html');
    expect(window.shown).toBe(false);

    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('reopens at the size and maximized state it closed with', () => {
    const first = open();
    first.bounds = { width: 1500, height: 900 };
    first.maximized = true;
    first.emit('close');

    const second = open();
    expect(second.options).toMatchObject({ width: 1500, height: 900 });
    second.emit('ready-to-show');
    expect(second.maximized).toBe(true);
  });

  it('falls back to the default size when the saved size is missing, damaged or too small', () => {
    const file = path.join(dir, 'window-state.json');
    expect(readWindowSize(file)).toEqual(defaultWindowSize);

    writeFileSync(file, '{ not json');
    expect(readWindowSize(file)).toEqual(defaultWindowSize);

    writeFileSync(file, JSON.stringify({ width: 10, height: 10, maximized: false }));
    expect(readWindowSize(file)).toEqual(defaultWindowSize);
  });

  it('saves the size as a small JSON file', () => {
    const window = open();
    window.bounds = { width: 1111, height: 777 };
    window.emit('close');

    const saved: unknown = JSON.parse(readFileSync(path.join(dir, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ width: 1111, height: 777, maximized: false });
  });
});
