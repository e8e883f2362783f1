// Berth's desktop entry point: hands Electron's modules and the backend to the shell.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { startBackend } from './app/start-backend';
import { componentLogger } from './logger';
import { runDesktopApp } from './shell/desktop-app';

runDesktopApp({
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  startBackend,
  platform: process.platform,
  versions: process.versions,
}).catch((error: unknown) => {
  componentLogger('shell').fatal({ err: error }, 'The desktop app failed to start');
  app.exit(1);
});
