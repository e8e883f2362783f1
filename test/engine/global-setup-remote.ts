// Vitest global setup: starts the extra engines of the remote-host tests (two TLS engines and a
// single-node swarm) next to the shared engine, and clears what earlier runs left on them.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { remoteEngines, removeRemoteLeftovers, startEngine } from './remote-engines';

const run = promisify(execFile);
const makeCerts = fileURLToPath(new URL('./make-certs.sh', import.meta.url));

export async function setup(): Promise<void> {
  try {
    await run('bash', [makeCerts]);
    await Promise.all(remoteEngines.map((engine) => startEngine(engine)));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (process.env.CI) {
      throw new Error(`The remote test engines could not be started: ${text}`, { cause: error });
    }
    process.stderr.write(`[engine] no remote test engines (${text}); host tests will fail\n`);
    return;
  }
  await removeRemoteLeftovers();
}

export async function teardown(): Promise<void> {
  await removeRemoteLeftovers();
}
