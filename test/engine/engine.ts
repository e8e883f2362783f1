// Test helpers for the private engine that test/engine/start.sh runs.
import Docker from 'dockerode';

/** The engine address the tests use, from BERTH_TEST_DOCKER_HOST. */
export function engineHostFromEnv(): string | undefined {
  return process.env.BERTH_TEST_DOCKER_HOST || undefined;
}

/** The private engine's socket path; fails the test when there is none. */
export function testSocketPath(): string {
  const host = engineHostFromEnv();
  if (!host?.startsWith('unix://')) {
    throw new Error(
      'No test engine: run test/engine/start.sh or set BERTH_TEST_DOCKER_HOST=unix:///path',
    );
  }
  return host.slice('unix://'.length);
}

/** A bare dockerode client on the test engine, for checking what Berth did. */
export function bareDocker(): Docker {
  return new Docker({ socketPath: testSocketPath() });
}

/** The label every test-made object carries, so cleanup finds it even after a failed test. */
export const testLabel = 'berth.test';

/** The images start.sh builds; cleanup leaves them alone. */
export const baseImages = [
  'berth-test/web:1.0',
  'berth-test/multi:1.0',
  'berth-test/noports:1.0',
  'localhost:5000/ctf/web:1.0',
];

/**
 * Removes what tests left on the private engine: in CI (one run owns the engine) everything; on a
 * developer's machine, where several runs may share the engine, only objects over an hour old.
 */
export async function removeTestLeftovers(): Promise<void> {
  if (!engineHostFromEnv()) return;
  const docker = bareDocker();
  const cutoffSeconds = process.env.CI ? Infinity : Date.now() / 1000 - 3600;
  const old = (created: number | string | undefined): boolean => {
    const seconds = typeof created === 'string' ? Date.parse(created) / 1000 : (created ?? 0);
    return seconds < cutoffSeconds;
  };

  const containers = await docker.listContainers({ all: true });
  await Promise.all(
    containers
      .filter((c) => old(c.Created))
      .map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
  );
  const services = await docker.listServices().catch(() => []);
  await Promise.all(
    services
      .filter((s) => old(s.CreatedAt))
      .map((s) =>
        docker
          .getService(s.ID)
          .remove()
          .catch(() => undefined),
      ),
  );
  const networks = await docker.listNetworks({ filters: { label: [testLabel] } });
  await Promise.all(
    networks
      .filter((n) => old(n.Created))
      .map((n) =>
        docker
          .getNetwork(n.Id)
          .remove()
          .catch(() => undefined),
      ),
  );
  const images = await docker.listImages({ filters: { label: [`${testLabel}.made=true`] } });
  await Promise.all(
    images
      .filter((i) => old(i.Created))
      .map((i) =>
        docker
          .getImage(i.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
  );
}
