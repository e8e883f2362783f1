// `npm run serve`: starts the backend and browser mode, prints the sign-in link, stops cleanly on a signal.
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toBerthError } from '../../shared/errors';
import type { ApiTransport } from '../../shared/rpc';
import type { Api } from '../api/create-api';
import { startBackend } from '../app/start-backend';
import { componentLogger } from '../logger';
import { openKeyFileSecretBox } from '../store/key-file-secret-box';
import { parseServeArgs, usage } from './cli-args';
import { defaultDataDir } from './data-dir';
import { startServer } from './start-server';
import { resolveToken } from './token';

const log = componentLogger('serve');
const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

// The backend contract types its api as a plain transport; calls then lose who made them.
function withActor(api: ApiTransport | Api): Api {
  if ('invokeAs' in api) return api;
  return { ...api, invokeAs: (_actor, method, input) => api.invoke(method, input) };
}

async function serve(argv: readonly string[]): Promise<void> {
  const command = parseServeArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(usage);
    return;
  }

  const dataDir = path.resolve(
    command.dataDir ??
      defaultDataDir({ platform: process.platform, env: process.env, home: homedir() }),
  );
  const secretBox = openKeyFileSecretBox(dataDir);
  log.info({ dataDir, secretStorage: secretBox.kind }, 'Starting the backend');
  const backend = await startBackend({ dataDir, secretBox, mode: 'browser' });

  const { token, source } = resolveToken(process.env);
  if (source === 'env' && token.length < 16) {
    log.warn('BERTH_TOKEN is shorter than 16 characters; anyone who guesses it controls Berth');
  }

  const server = await startServer({
    api: withActor(backend.api),
    host: command.host,
    port: command.port,
    token,
    staticDir,
    log,
  }).catch(async (error: unknown) => {
    await backend.close();
    throw error;
  });

  process.stdout.write(`\nBerth is ready: ${server.url}/?token=${encodeURIComponent(token)}\n\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'Stopping at once');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'Stopping; running instances keep running');
    server
      .close()
      .then(() => backend.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'Berth did not stop cleanly');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

serve(process.argv.slice(2)).catch((error: unknown) => {
  const failure = toBerthError(error);
  // Only an unexpected failure needs the stack; the others say what to change.
  if (failure.kind === 'internal') log.error({ err: error }, 'Browser mode did not start');
  process.stderr.write(`Berth could not start: ${failure.message}\n`);
  if (failure.kind === 'invalid-input') process.stderr.write(`\n${usage}`);
  process.exitCode = 1;
});
