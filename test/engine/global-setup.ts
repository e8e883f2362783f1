// Vitest global setup: makes sure the private test engine runs, and clears what tests left on it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { engineHostFromEnv, removeTestLeftovers } from './engine';

const startScript = fileURLToPath(new URL('./start.sh', import.meta.url));

export async function setup(): Promise<void> {
  if (!engineHostFromEnv()) {
    try {
      const host = execFileSync('bash', [startScript], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      })
        .trim()
        .split('\n')
        .pop();
      if (host) process.env.BERTH_TEST_DOCKER_HOST = host;
    } catch (error) {
      if (process.env.CI)
        throw new Error(`The test engine could not be started: ${String(error)}`, { cause: error });
      process.stderr.write('[engine] no test engine; integration tests will fail\n');
    }
  }
  await removeTestLeftovers();
}

export async function teardown(): Promise<void> {
  await removeTestLeftovers();
}
