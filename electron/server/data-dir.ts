// Where browser mode keeps its database and key file when no --data-dir is given.
import path from 'node:path';

export interface PlatformFacts {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** The user's data directory for Berth: XDG on Linux, Application Support on macOS, APPDATA on Windows. */
export function defaultDataDir({ platform, env, home }: PlatformFacts): string {
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'Berth');
  }
  if (platform === 'win32') {
    const appData = env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Berth');
  }
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const dataHome =
    xdg !== undefined && path.posix.isAbsolute(xdg)
      ? xdg
      : path.posix.join(home, '.local', 'share');
  return path.posix.join(dataHome, 'berth');
}
