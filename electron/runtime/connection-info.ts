// What a team is told to connect to, from the challenge's template and the instance's ports.
import type { ChallengePort } from '../../shared/challenge';
import type { InstancePort } from '../../shared/instance';
import type { ConnectionLink } from '../../shared/views';

const defaultTemplates: Record<ChallengePort['protocol'], string> = {
  tcp: 'nc {host} {port}',
  http: 'http://{host}:{port}/',
};

/** One link per published port, with `{host}`, `{port}` and `{port:N}` filled in. */
export function connectionLinks(
  template: string,
  publicAddress: string,
  ports: InstancePort[],
): ConnectionLink[] {
  const hostPortOf = new Map(ports.map((p) => [p.containerPort, p.hostPort]));
  const host =
    publicAddress.includes(':') && !publicAddress.startsWith('[')
      ? `[${publicAddress}]`
      : publicAddress;

  return ports.map((port) => {
    const text = (template.trim() || defaultTemplates[port.protocol])
      .replace(/\{host\}/g, host)
      .replace(/\{port:(\d+)\}/g, (match, containerPort: string) => {
        const hostPort = hostPortOf.get(Number(containerPort));
        return hostPort === undefined ? match : String(hostPort);
      })
      .replace(/\{port\}/g, String(port.hostPort));
    const url = /^https?:\/\/\S+$/.test(text)
      ? text
      : port.protocol === 'http'
        ? `http://${host}:${port.hostPort}/`
        : null;
    return {
      containerPort: port.containerPort,
      protocol: port.protocol,
      hostPort: port.hostPort,
      text,
      url,
    };
  });
}
