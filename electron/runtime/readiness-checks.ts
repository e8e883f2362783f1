// The pure checks of the readiness report: each takes facts already gathered and says pass or fail
// with a reason an operator can act on.
import type { ReadinessCheck } from '../../shared/authoring';
import type { Challenge } from '../../shared/challenge';
import type { Host } from '../../shared/host';
import { formatMemory, parseMemory } from '../../shared/memory';

export const pass = (reason: string): ReadinessCheck => ({ status: 'pass', reason });
export const fail = (reason: string): ReadinessCheck => ({ status: 'fail', reason });
export const skipped = (reason: string): ReadinessCheck => ({ status: 'skipped', reason });

/** An image as one host holds it; null when the host does not hold it. */
export interface HeldImage {
  id: string;
  exposedPorts: { port: number; protocol: string }[];
}

/** A short image id as operators read it: sha256:0123456789ab. */
export function shortId(id: string): string {
  return id.startsWith('sha256:') ? id.slice(0, 19) : id.slice(0, 12);
}

/**
 * Is the image there, and is it the same image everywhere? A name can point at different builds on
 * different hosts; the id most hosts hold is taken as the one meant, and the others fail.
 */
export function imageCheck(
  challenge: Pick<Challenge, 'image'>,
  host: Pick<Host, 'id' | 'name'>,
  held: Map<string, HeldImage | null>,
  hostNames: Map<string, string>,
): ReadinessCheck {
  const image = held.get(host.id) ?? null;
  if (image === null) {
    return fail(`${challenge.image} is not on ${host.name}; build, load or copy it there`);
  }
  const counts = new Map<string, number>();
  for (const other of held.values()) {
    if (other !== null) counts.set(other.id, (counts.get(other.id) ?? 0) + 1);
  }
  const [meant] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [image.id];
  if (image.id !== meant) {
    const holder = [...held.entries()].find(([, other]) => other?.id === meant)?.[0] ?? '';
    return fail(
      `${host.name} holds a different image under ${challenge.image} (${shortId(image.id)}) than ${
        hostNames.get(holder) ?? 'the other hosts'
      } (${shortId(meant)}); copy the right one there`,
    );
  }
  return pass(
    counts.size === 1 && held.size > 1
      ? `Present as ${shortId(image.id)}, the same image on every host holding it`
      : `Present as ${shortId(image.id)}`,
  );
}

/** Do the image's exposed ports match the ports the challenge publishes? */
export function portsCheck(
  challenge: Pick<Challenge, 'ports'>,
  image: HeldImage | null,
): ReadinessCheck {
  if (image === null) return skipped('No image to read the exposed ports from');
  const exposed = new Set(
    image.exposedPorts.filter((p) => p.protocol === 'tcp').map((p) => p.port),
  );
  const published = new Set(challenge.ports.map((p) => p.port));
  const unexposed = [...published].filter((port) => !exposed.has(port));
  const unpublished = [...exposed].filter((port) => !published.has(port));
  if (unexposed.length > 0) {
    return fail(
      `The challenge publishes ${list(unexposed)}, which the image does not expose (it exposes ${
        exposed.size === 0 ? 'none' : list([...exposed])
      })`,
    );
  }
  if (unpublished.length > 0) {
    return fail(
      `The image also exposes ${list(unpublished)}, which the challenge does not publish`,
    );
  }
  return published.size === 0
    ? pass('Neither the image nor the challenge has ports')
    : pass(`Exposes ${list([...published])} as the challenge publishes`);
}

/** Has the host's port range room for every team's ports of one challenge (or of all, for totals)? */
export function portRangeCheck(
  host: Pick<Host, 'portRange'>,
  needed: { teams: number; portsPerTeam: number },
  reserved: number,
): ReadinessCheck {
  const { start, end } = host.portRange;
  const free = end - start + 1 - reserved;
  const count = needed.teams * needed.portsPerTeam;
  const what = `${count} ports (${needed.teams} teams × ${needed.portsPerTeam})`;
  if (needed.portsPerTeam === 0) return pass('Publishes no ports');
  const range = `the range ${start}–${end} has ${free} free${reserved > 0 ? ` (${reserved} reserved)` : ''}`;
  return count <= free ? pass(`Needs ${what}; ${range}`) : fail(`Needs ${what} but ${range}`);
}

/** Has the host the memory every team's instance may use at its limit? */
export function memoryCheck(
  hostName: string,
  memoryBytes: number | null,
  needed: { teams: number; bytesPerTeam: number },
): ReadinessCheck {
  const total = needed.teams * needed.bytesPerTeam;
  const what = `${formatMemory(total || 0)} (${needed.teams} teams × ${formatMemory(needed.bytesPerTeam)})`;
  if (memoryBytes === null) return fail(`${hostName} did not say how much memory it has`);
  if (total === 0) return pass('No teams to hold memory for');
  return total <= memoryBytes
    ? pass(`Needs ${what}; ${hostName} has ${formatMemory(memoryBytes)}`)
    : fail(`Needs ${what} but ${hostName} has ${formatMemory(memoryBytes)}`);
}

/** The memory limit of one instance of the challenge, in bytes. */
export function memoryPerInstance(challenge: Pick<Challenge, 'limits'>): number {
  return parseMemory(challenge.limits.memory) ?? 256 * 1024 ** 2;
}

function list(ports: number[]): string {
  return [...ports]
    .sort((a, b) => a - b)
    .map((port) => `${port}/tcp`)
    .join(', ');
}
