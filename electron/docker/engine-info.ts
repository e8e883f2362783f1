// What an engine says about itself: ping, version, info, and the API version to speak with it.
import type Docker from 'dockerode';
import { chooseApiVersion } from './api-version';
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { numberOf, recordOf, stringOf } from './engine-json';
import { engineRequest } from './engine-request';
import type { EngineInfo, EngineVersion } from './engine-types';

/** Resolves when the engine answers at all. */
export function pingEngine(session: EngineSession, signal?: AbortSignal): Promise<void> {
  return runCall(
    session,
    {
      action: 'engine.ping',
      target: session.hostName,
      signal,
      read: true,
      negotiate: false,
      done: () => `${session.hostName} answered`,
    },
    async (abortSignal) => {
      await engineRequest(session.docker(), { path: '/_ping', method: 'GET', signal: abortSignal });
    },
  );
}

/** The engine's version; works with engines too old for Berth, so a connection test can name it. */
export function engineVersion(
  session: EngineSession,
  signal?: AbortSignal,
): Promise<EngineVersion> {
  return runCall(
    session,
    {
      action: 'engine.version',
      target: session.hostName,
      signal,
      read: true,
      negotiate: false,
      done: (version) => `${session.hostName} runs Docker ${version.version}`,
    },
    (abortSignal) => requestVersion(session.docker(), abortSignal),
  );
}

/** The engine's name, size and swarm role; `apiVersion` is the one Berth speaks with it. */
export function engineInfo(
  session: EngineSession,
  apiVersion: () => string,
  signal?: AbortSignal,
): Promise<EngineInfo> {
  return runCall(
    session,
    {
      action: 'engine.info',
      target: session.hostName,
      signal,
      read: true,
      done: () => `Read the state of ${session.hostName}`,
    },
    async (abortSignal) => {
      const info = recordOf(
        await engineRequest(session.docker(), {
          path: '/info',
          method: 'GET',
          signal: abortSignal,
          expect: 'object',
        }),
      );
      const swarm = recordOf(info.Swarm);
      return {
        name: stringOf(info.Name),
        serverVersion: stringOf(info.ServerVersion),
        apiVersion: apiVersion(),
        containersRunning: numberOf(info.ContainersRunning),
        cpus: numberOf(info.NCPU),
        memoryBytes: numberOf(info.MemTotal),
        swarm: {
          nodeId: stringOf(swarm.NodeID) || null,
          isManager: swarm.ControlAvailable === true,
        },
      };
    },
  );
}

/** Asks the engine its version and sets the client to speak min(engine, Berth's newest); refuses old engines. */
export async function negotiateApiVersion(
  docker: Docker,
  hostName: string,
  signal: AbortSignal,
): Promise<string> {
  const version = await requestVersion(docker, signal);
  const chosen = chooseApiVersion(version, hostName);
  (docker.modem as { version?: string }).version = `v${chosen}`;
  return chosen;
}

async function requestVersion(docker: Docker, signal: AbortSignal): Promise<EngineVersion> {
  const answer = recordOf(
    await engineRequest(docker, { path: '/version', method: 'GET', signal, expect: 'object' }),
  );
  return {
    version: stringOf(answer.Version),
    apiVersion: stringOf(answer.ApiVersion),
    minApiVersion: stringOf(answer.MinAPIVersion),
    os: stringOf(answer.Os),
    arch: stringOf(answer.Arch),
  };
}
