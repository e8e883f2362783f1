// Port facts read out of what the engine returns. The engine's JSON is taken as unknown and
// read defensively: an odd entry is skipped, never thrown on, so one strange container cannot
// break a whole listing.

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

/** A container port bound to a host address and port. */
export interface PublishedPort {
  containerPort: number;
  protocol: PortProtocol;
  hostIp: string;
  hostPort: number;
}

/** A port a container or image declares, published or not. */
export interface ExposedPort {
  port: number;
  protocol: PortProtocol;
}

// The engine writes an empty HostIp for a binding on every address.
const anyIpv4 = '0.0.0.0';

// Pairs the engine reports for one binding made on both address families.
const ipv6Twins: ReadonlyMap<string, string> = new Map([
  ['::', '0.0.0.0'],
  ['::1', '127.0.0.1'],
]);

/** The published ports in an inspect's `NetworkSettings.Ports`, one per binding, sorted. */
export function publishedPorts(ports: unknown): PublishedPort[] {
  if (!isRecord(ports)) return [];

  const found: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(ports)) {
    const exposed = parsePortKey(key);
    if (exposed === null || !Array.isArray(bindings)) continue;

    for (const binding of bindings) {
      if (!isRecord(binding)) continue;
      const hostPort = parsePortNumber(binding.HostPort);
      if (hostPort === null) continue;
      found.push({
        containerPort: exposed.port,
        protocol: exposed.protocol,
        hostIp: parseHostIp(binding.HostIp),
        hostPort,
      });
    }
  }
  return sortPublished(withoutIpv6Twins(found));
}

/** The published ports in a `docker ps` entry's `Ports`, sorted; unpublished ones are left out. */
export function summaryPorts(ports: unknown): PublishedPort[] {
  if (!Array.isArray(ports)) return [];

  const found: PublishedPort[] = [];
  for (const entry of ports) {
    if (!isRecord(entry)) continue;
    const containerPort = parsePortNumber(entry.PrivatePort);
    const hostPort = parsePortNumber(entry.PublicPort);
    const protocol = entry.Type === undefined ? 'tcp' : parseProtocol(entry.Type);
    if (containerPort === null || hostPort === null || protocol === null) continue;
    found.push({ containerPort, protocol, hostIp: parseHostIp(entry.IP), hostPort });
  }
  return sortPublished(withoutIpv6Twins(found));
}

/**
 * The ports declared in `Config.ExposedPorts` (`{ "8080/tcp": {} }`), sorted by port then
 * protocol. Takes either the whole Config object or the ExposedPorts map itself.
 */
export function exposedPorts(config: unknown): ExposedPort[] {
  if (!isRecord(config)) return [];
  const declared = 'ExposedPorts' in config ? config.ExposedPorts : config;
  if (!isRecord(declared)) return [];

  const byKey = new Map<string, ExposedPort>();
  for (const key of Object.keys(declared)) {
    const exposed = parsePortKey(key);
    if (exposed !== null) byKey.set(`${exposed.port}/${exposed.protocol}`, exposed);
  }
  return [...byKey.values()].sort(
    (a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol),
  );
}

/** Reads a port key such as '8080/tcp' or '8080' (tcp); null when it is not one. */
export function parsePortKey(key: string): ExposedPort | null {
  const match = /^(\d{1,5})(?:\/([a-zA-Z]+))?$/.exec(key);
  if (match === null) return null;

  const port = parsePortNumber(match[1]);
  const protocol = parseProtocol(match[2] ?? 'tcp');
  return port === null || protocol === null ? null : { port, protocol };
}

function parsePortNumber(value: unknown): number | null {
  const isDigits = typeof value === 'string' && /^\d{1,5}$/.test(value);
  const port = typeof value === 'number' ? value : isDigits ? Number(value) : NaN;
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null;
}

function parseProtocol(value: unknown): PortProtocol | null {
  if (typeof value !== 'string') return null;
  const protocol = value.toLowerCase();
  return protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp' ? protocol : null;
}

function parseHostIp(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : anyIpv4;
}

// Docker reports a port bound on both families twice (0.0.0.0 and ::); the operator sees one.
function withoutIpv6Twins(ports: PublishedPort[]): PublishedPort[] {
  const bindingKeys = new Set(ports.map(bindingKey));
  return ports.filter((port) => {
    const twin = ipv6Twins.get(port.hostIp);
    return twin === undefined || !bindingKeys.has(bindingKey({ ...port, hostIp: twin }));
  });
}

function bindingKey(port: PublishedPort): string {
  return `${port.containerPort}/${port.protocol} ${port.hostIp} ${port.hostPort}`;
}

function sortPublished(ports: PublishedPort[]): PublishedPort[] {
  const unique = new Map(ports.map((port) => [bindingKey(port), port]));
  return [...unique.values()].sort(
    (a, b) =>
      a.containerPort - b.containerPort ||
      a.hostPort - b.hostPort ||
      a.protocol.localeCompare(b.protocol) ||
      a.hostIp.localeCompare(b.hostIp),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
