import { describe, expect, it } from 'vitest';
import { parseServeArgs, usage } from '../../../electron/server/cli-args';
import { defaultDataDir } from '../../../electron/server/data-dir';

describe('the serve command line', () => {
  it('listens on 127.0.0.1:7420 with the default data directory when given nothing', () => {
    expect(parseServeArgs([])).toEqual({
      kind: 'serve',
      port: 7420,
      host: '127.0.0.1',
      dataDir: undefined,
    });
  });

  it('takes --port, --host and --data-dir in both spellings', () => {
    expect(
      parseServeArgs(['--port', '8000', '--host=0.0.0.0', '--data-dir', '/srv/berth']),
    ).toEqual({ kind: 'serve', port: 8000, host: '0.0.0.0', dataDir: '/srv/berth' });
  });

  it('asks for help with --help or -h', () => {
    expect(parseServeArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseServeArgs(['-h', '--port', 'x'])).toEqual({ kind: 'help' });
    expect(usage).toContain('--data-dir DIR');
  });

  it.each([
    [['--port', 'http'], '--port takes a number from 0 to 65535, not "http"'],
    [['--port', '70000'], '--port takes a number from 0 to 65535, not "70000"'],
    [['--port', '1.5'], '--port takes a number from 0 to 65535, not "1.5"'],
    [['--host', ' '], '--host needs an address'],
    [['--data-dir', ''], '--data-dir needs a folder'],
    [['--prot', '1'], "Unknown option '--prot'"],
    [['serve'], "Unexpected argument 'serve'"],
  ])('refuses %j with a message naming the option', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
});

describe('the default data directory', () => {
  const home = '/home/ops';

  it('follows XDG_DATA_HOME on Linux, ~/.local/share otherwise', () => {
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/data/xdg' }, home })).toBe(
      '/data/xdg/berth',
    );
    expect(defaultDataDir({ platform: 'linux', env: {}, home })).toBe(
      '/home/ops/.local/share/berth',
    );
  });

  it('ignores a relative XDG_DATA_HOME, as the XDG spec says', () => {
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'data' }, home })).toBe(
      '/home/ops/.local/share/berth',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ops' })).toBe(
      '/Users/ops/Library/Application Support/Berth',
    );
  });

  it('uses APPDATA on Windows', () => {
    expect(
      defaultDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ops\\AppData\\Roaming' },
        home: 'C:\\Users\\ops',
      }),
    ).toBe('C:\\Users\\ops\\AppData\\Roaming\\Berth');
  });
});
