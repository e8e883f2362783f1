// Vitest global setup: starts (or reuses) the second engine the authoring tests load and copy
// images into, and tells the tests its address in BERTH_AUTHORING_DOCKER_HOST.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const startScript = fileURLToPath(new URL('./start-authoring.sh', import.meta.url));

export function setup(): void {
  if (process.env.BERTH_AUTHORING_DOCKER_HOST) return;
  try {
    const host = execFileSync('bash', [startScript], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n')
      .pop();
    if (host) process.env.BERTH_AUTHORING_DOCKER_HOST = host;
  } catch (error) {
    if (process.env.CI) {
      throw new Error(`The authoring engine could not be started: ${String(error)}`, {
        cause: error,
      });
    }
    process.stderr.write('[authoring-engine] not started; the image transfer tests will fail\n');
  }
}
