// Which addresses a bound server answers for, and how they are written in URLs and origins.
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

const loopbackNames = ['localhost', '127.0.0.1', '::1'];

/** True for an address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = unbracket(host).toLowerCase();
  return loopbackNames.includes(bare) || bare.startsWith('127.') || bare === '::ffff:127.0.0.1';
}

/** True for an address that binds every interface. */
export function isWildcardHost(host: string): boolean {
  const bare = unbracket(host);
  return bare === '0.0.0.0' || bare === '::' || bare === '';
}

/** The host as written in a URL: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  const bare = unbracket(host);
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Every `host:port` a browser may legitimately use to reach the server: the bound address, the
 * loopback names, and (for a wildcard bind) each interface's address.
 */
export function servedAuthorities(host: string, port: number): string[] {
  const hosts = new Set<string>(loopbackNames);
  if (isWildcardHost(host)) {
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) hosts.add(entry.address);
    }
  } else {
    hosts.add(unbracket(host));
  }
  return [...hosts].map((name) => `${urlHost(name).toLowerCase()}:${port}`);
}
