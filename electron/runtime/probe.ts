// Is an instance reachable? A TCP connect per port, or an HTTP GET for http ports.
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Host } from '../../shared/host';
import type { InstancePort } from '../../shared/instance';
import type { ProbeResult } from '../../shared/views';

const probeTimeoutMs = 3000;

/** The address to probe: the bind address, or the public one when the engine binds everywhere. */
export function probeAddress(host: Host, port: InstancePort): string {
  const bound = port.hostIp || host.bindAddress;
  return bound === '0.0.0.0' || bound === '::' || bound === '' ? host.publicAddress : bound;
}

function tcpProbe(address: string, port: number): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: probeTimeoutMs });
    const done = (ok: boolean, detail: string): void => {
      socket.destroy();
      resolve({ ok, detail });
    };
    socket.once('connect', () => {
      done(true, 'Accepts connections');
    });
    socket.once('timeout', () => {
      done(false, `No answer within ${probeTimeoutMs / 1000} s`);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      done(
        false,
        error.code === 'ECONNREFUSED'
          ? 'Connection refused'
          : `Cannot connect (${error.code ?? 'error'})`,
      );
    });
  });
}

function httpProbe(address: string, port: number): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const req = request(
      { host: address, port, path: '/', method: 'GET', timeout: probeTimeoutMs },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        resolve({ ok: status > 0 && status < 500, detail: `HTTP ${status}` });
      },
    );
    req.once('timeout', () => {
      req.destroy();
      resolve({ ok: false, detail: `No answer within ${probeTimeoutMs / 1000} s` });
    });
    req.once('error', (error: NodeJS.ErrnoException) => {
      resolve({
        ok: false,
        detail:
          error.code === 'ECONNREFUSED'
            ? 'Connection refused'
            : `No HTTP answer (${error.code ?? 'error'})`,
      });
    });
    req.end();
  });
}

/** Probes every published port of an instance at once. */
export async function probePorts(host: Host, ports: InstancePort[]): Promise<ProbeResult[]> {
  return Promise.all(
    ports.map(async (port) => {
      const address = probeAddress(host, port);
      const result =
        port.protocol === 'http'
          ? await httpProbe(address, port.hostPort)
          : await tcpProbe(address, port.hostPort);
      return {
        containerPort: port.containerPort,
        hostPort: port.hostPort,
        protocol: port.protocol,
        ...result,
      };
    }),
  );
}
