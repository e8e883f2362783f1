// The command line of `npm run serve`: what it accepts and what it means.
import { parseArgs } from 'node:util';
import { BerthError } from '../../shared/errors';

export const defaultPort = 7420;
export const defaultHost = '127.0.0.1';

export const usage = `Usage: npm run serve -- [options]

Serves Berth's interface and API to a browser on this machine.

Options:
  --port N         port to listen on (default ${defaultPort})
  --host ADDR      address to listen on (default ${defaultHost}; anything else is reachable
                   by other machines and is logged as a warning)
  --data-dir DIR   folder for the database and key file (default: the user's data directory)
  -h, --help       show this text

Environment:
  BERTH_TOKEN      use this access token instead of a random one made at each start
  DOCKER_HOST      the engine used as the default local host
`;

export type ServeCommand =
  { kind: 'help' } | { kind: 'serve'; port: number; host: string; dataDir: string | undefined };

function parsePort(text: string | undefined): number {
  if (text === undefined) return defaultPort;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new BerthError('invalid-input', `--port takes a number from 0 to 65535, not "${text}"`, {
      field: 'port',
    });
  }
  return port;
}

/** The command the arguments ask for; a BerthError naming the option when they make no sense. */
export function parseServeArgs(argv: readonly string[]): ServeCommand {
  let values: { port?: string; host?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs explains itself well ("Unknown option '--prot'"); keep its words.
    throw new BerthError('invalid-input', error instanceof Error ? error.message : String(error));
  }

  if (values.help === true) return { kind: 'help' };

  const host = values.host?.trim() ?? defaultHost;
  if (host === '')
    throw new BerthError('invalid-input', '--host needs an address', { field: 'host' });
  const dataDir = values['data-dir'];
  if (dataDir?.trim() === '') {
    throw new BerthError('invalid-input', '--data-dir needs a folder', { field: 'data-dir' });
  }

  return { kind: 'serve', port: parsePort(values.port), host, dataDir };
}
