// The composition root: store, engines, runtime and API, wired once for either shell.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hostInputSchema } from '../../shared/host';
import type { Host } from '../../shared/host';
import type { Authoring } from '../api/authoring-services';
import { createAuthoring } from '../api/authoring-services';
import { createApi } from '../api/create-api';
import { createEventBus } from '../api/event-bus';
import { createHandlers } from '../api/handlers';
import { LogFollowers } from '../api/log-followers';
import { isReadMethod } from '../api/read-methods';
import { wasAudited } from '../runtime/audited';
import { createEngineClient } from '../docker/engine-client';
import type { EngineClient } from '../docker/engine-client';
import { componentLogger } from '../logger';
import type { Clock, RandomSource } from '../runtime/clock';
import type { RuntimeContext } from '../runtime/context';
import { createRuntime } from '../runtime/runtime';
import { openStore } from '../store/database';
import type { Store } from '../store/database';
import type { Backend, BackendOptions } from './backend';
import { appVersion } from './version';

const log = componentLogger('backend');

export interface StartOptions extends BackendOptions {
  mode?: 'desktop' | 'browser';
  /** The environment the local engine is found from (DOCKER_HOST...). */
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  random?: RandomSource;
  hooks?: RuntimeContext['hooks'];
  /** Skip the reaper, health checks and event watchers (tests that drive them by hand). */
  background?: boolean;
}

export interface StartedBackend extends Backend {
  store: Store;
  runtime: ReturnType<typeof createRuntime<EngineClient>>;
  authoring: Authoring;
}

/** The local engine, added on first start so a fresh install has a host to launch on. */
function ensureDefaultHost(store: Store): void {
  if (store.hosts.list().length > 0) return;
  store.hosts.add(hostInputSchema.parse({ name: 'Local engine', connection: { kind: 'local' } }));
}

/** Opens the data directory and starts everything the API serves. */
export async function startBackend(options: StartOptions): Promise<StartedBackend> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const store = openStore({
    file: join(options.dataDir, 'berth.db'),
    secretBox: options.secretBox,
  });
  ensureDefaultHost(store);

  const bus = createEventBus();
  store.audit.onAppend((entry) => {
    bus.publish('audit.appended', entry);
  });

  const env = options.env ?? process.env;
  const clientFor = (host: Host): EngineClient =>
    createEngineClient({
      hostId: host.id,
      hostName: host.name,
      connection: host.connection,
      env,
      audit: (record) => {
        store.audit.append(record);
      },
    });

  const runtime = createRuntime<EngineClient>({
    store,
    createEngine: clientFor,
    healthProbe: async (engine) => {
      const info = await engine.info();
      return {
        version: info.serverVersion,
        apiVersion: info.apiVersion,
        containersRunning: info.containersRunning,
        cpus: info.cpus,
        memoryBytes: info.memoryBytes,
      };
    },
    publish: (type, payload) => {
      bus.publish(type, payload);
    },
    clock: options.clock,
    random: options.random,
    hooks: options.hooks,
  });

  const logs = new LogFollowers(bus, (hostId) => runtime.engines.engineFor(hostId));
  const authoring = createAuthoring({ store, runtime, bus, dataDir: options.dataDir });
  const handlers = createHandlers({
    store,
    runtime,
    bus,
    logs,
    authoring,
    probeClient: (host) =>
      createEngineClient({
        hostId: host.id,
        hostName: host.name,
        connection: host.connection,
        env,
        audit: (r) => store.audit.append(r),
      }),
    app: {
      version: appVersion(),
      mode: options.mode ?? 'browser',
      dataDir: options.dataDir,
      secretStorage: options.secretBox.kind,
    },
  });
  const api = createApi(handlers, bus, {
    // Each failed change is audited once: here, unless the runtime or the client already did.
    onError: (method, error) => {
      if (error.kind !== 'internal' && (isReadMethod(method) || wasAudited(error))) return;
      store.audit.append({
        actor: 'api',
        action: `api.${method}`,
        hostId: null,
        target: method,
        outcome: 'failed',
        message: error.message,
        engineMessage: error.engineMessage,
        details: { kind: error.kind, field: error.field ?? null },
      });
    },
  });

  if (options.background !== false) {
    await runtime.startBackground().catch((error: unknown) => {
      log.error({ err: error }, 'background work did not start');
    });
  }

  return {
    api,
    store,
    runtime,
    authoring,
    async close() {
      logs.stopAll();
      await authoring.close();
      await runtime.stopBackground();
      store.close();
    },
  };
}
