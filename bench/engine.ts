// The engine the bench runs against, the bare client of the references, and readiness polling.
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';

const startScript = fileURLToPath(new URL('../test/engine/start.sh', import.meta.url));

/** Every container a reference creates carries these, so cleanup finds them after a crash. */
export const benchLabels = { 'berth.test': 'true', 'berth.bench': 'true' };

/** The private test engine's address: BERTH_TEST_DOCKER_HOST, or whatever start.sh prints. */
export function engineAddress(): string {
  const given = process.env.BERTH_TEST_DOCKER_HOST;
  if (given) return given;
  const printed = execFileSync('bash', [startScript], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  if (!printed?.startsWith('unix://')) throw new Error('test/engine/start.sh printed no address');
  process.env.BERTH_TEST_DOCKER_HOST = printed;
  return printed;
}

/** A bare dockerode client on that engine. */
export function bareDocker(address: string): Docker {
  if (!address.startsWith('unix://')) throw new Error(`Not a unix socket address: ${address}`);
  return new Docker({ socketPath: address.slice('unix://'.length) });
}

/** Removes containers carrying `label` (key or key=value); returns how many went. */
export async function removeLabelled(docker: Docker, label: string): Promise<number> {
  const found = await docker.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(
    found.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  return found.length;
}

/** Berth's own containers from bench challenges (named berth-<challenge>-...), left by a killed run. */
const benchInstanceName = /^\/berth-bench-(launch|burst)-/;

/** Removes every container a bench run made: references by label, Berth's by label and name. */
export async function removeBenchLeftovers(docker: Docker): Promise<number> {
  const references = await removeLabelled(docker, 'berth.bench=true');
  const managed = await docker.listContainers({
    all: true,
    filters: { label: ['berth.managed=true'] },
  });
  const ours = managed.filter((c) => c.Names.some((name) => benchInstanceName.test(name)));
  await Promise.all(
    ours.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  return references + ours.length;
}

/** True when an HTTP GET of / on 127.0.0.1:port gets any answer from the server behind it. */
export function httpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve(true);
      });
    });
    req.on('error', () => {
      resolve(false);
    });
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Polls the port every `everyMs` until it answers HTTP; throws after `limitMs`. */
export async function untilHttpAnswers(port: number, everyMs = 2, limitMs = 15_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!(await httpAnswers(port))) {
    if (performance.now() > deadline) throw new Error(`127.0.0.1:${port} never answered HTTP`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The engine's version and the machine's facts, for the report's header. */
export async function machineFacts(docker: Docker): Promise<Record<string, string | number>> {
  const { cpus, totalmem } = await import('node:os');
  const version = await docker.version();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    dockerEngine: version.Version,
  };
}
