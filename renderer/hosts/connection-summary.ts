// A host's connection in one short line.
import type { HostConnectionView } from '../../shared/views';

/** "This machine", "unix:///run/docker.sock", "tls://10.0.0.5:2376", "ssh://ops@lab-2:22". */
export function connectionSummary(connection: HostConnectionView): string {
  switch (connection.kind) {
    case 'local':
      return 'This machine';
    case 'socket':
      return `unix://${connection.socketPath}`;
    case 'tcp':
      return `tcp://${connection.host}:${connection.port}`;
    case 'tls':
      return `tls://${connection.host}:${connection.port}`;
    case 'ssh':
      return `ssh://${connection.username}@${connection.host}:${connection.port}`;
  }
}
