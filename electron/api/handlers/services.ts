// What the handlers reach: the store, the runtime and the engines. Handlers only translate.
import type { Host } from '../../../shared/host';
import type { SecretBoxKind } from '../../store/secret-box';
import type { EngineClient } from '../../docker/engine-client';
import type { Runtime } from '../../runtime/runtime';
import type { Store } from '../../store/database';
import type { Authoring } from '../authoring-services';
import type { EventBus } from '../event-bus';
import type { LogFollowers } from '../log-followers';

export interface ApiServices {
  store: Store;
  runtime: Runtime<EngineClient>;
  bus: EventBus;
  logs: LogFollowers;
  authoring: Authoring;
  /** A client for a connection that is not saved (yet), for "Test connection". */
  probeClient(host: Host): EngineClient;
  app: {
    version: string;
    mode: 'desktop' | 'browser';
    dataDir: string;
    secretStorage: SecretBoxKind;
  };
}
