// Authoring's long-lived parts, made once by the composition root: builds, transfers, test-runs,
// terminal sessions and readiness reports. `close` leaves nothing behind on the engines.
import { createHash } from 'node:crypto';
import type { EngineClient } from '../docker/engine-client';
import { componentLogger } from '../logger';
import type { AuthoringContext } from '../runtime/authoring-engine';
import { newId } from '../runtime/authoring-engine';
import { ImageBuilds } from '../runtime/image-builds';
import { ImageTransfers } from '../runtime/image-transfers';
import { Readiness } from '../runtime/readiness';
import type { Runtime } from '../runtime/runtime';
import { TestRuns } from '../runtime/test-run';
import type { Store } from '../store/database';
import type { EventBus } from './event-bus';
import { TerminalSessions } from './terminal-sessions';

const log = componentLogger('authoring');

export interface Authoring {
  context: AuthoringContext;
  builds: ImageBuilds;
  transfers: ImageTransfers;
  testRuns: TestRuns;
  terminals: TerminalSessions;
  readiness: Readiness;
  /** Settles once the test-runs and trials a previous run of this data folder left are removed. */
  leftoversRemoved: Promise<number>;
  /** Cancels builds and transfers, closes terminals, removes every test-run. */
  close(): Promise<void>;
}

/** The owner label of a data folder's test-runs: the same folder finds its own leftovers. */
export function ownerOf(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
}

/** Makes the authoring services and starts removing what an earlier run left behind. */
export function createAuthoring(options: {
  store: Store;
  runtime: Runtime<EngineClient>;
  bus: EventBus;
  dataDir: string;
}): Authoring {
  const { runtime } = options;
  const context: AuthoringContext = {
    store: options.store,
    engineFor: (hostId) => runtime.engines.engineFor(hostId),
    publish: (type, payload) => {
      options.bus.publish(type, payload);
    },
    clock: runtime.context.clock,
    random: runtime.context.random,
    owner: ownerOf(options.dataDir),
  };
  const builds = new ImageBuilds(context);
  const transfers = new ImageTransfers(context);
  const testRuns = new TestRuns(context);
  const terminals = new TerminalSessions(options.bus, () => newId(context));
  const readiness = new Readiness(context, () => testRuns.swept());
  // Closing must not wait on a host that does not answer: the sweep is cancelled then.
  const sweep = new AbortController();
  const leftoversRemoved = testRuns.removeLeftovers(sweep.signal).then(
    (count) => {
      if (count > 0) log.info({ count }, 'removed test-runs an earlier run left');
      return count;
    },
    (error: unknown) => {
      log.warn({ error: String(error) }, 'leftover test-runs could not be removed');
      return 0;
    },
  );

  return {
    context,
    builds,
    transfers,
    testRuns,
    terminals,
    readiness,
    leftoversRemoved,
    async close() {
      terminals.closeAll();
      sweep.abort();
      await leftoversRemoved;
      await Promise.all([builds.close(), transfers.close(), testRuns.removeAll()]);
    },
  };
}
