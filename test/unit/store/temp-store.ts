// Test helpers: stores on temp files with a clock and ids the test controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreOptions, Store } from '../../../electron/store/database';
import { openStore } from '../../../electron/store/database';
import { plainTextSecretBox } from '../../../electron/store/secret-box';
import type { AuditRecord } from '../../../shared/audit';
import type { ChallengeSpec } from '../../../shared/challenge';
import { challengeInputSchema } from '../../../shared/challenge';
import type { HostSpec } from '../../../shared/host';
import { hostInputSchema } from '../../../shared/host';
import type { Instance } from '../../../shared/instance';

export interface TempStore {
  store: Store;
  dir: string;
  file: string;
  clock: { now: number };
  /** Opens another store on the same file (closed by `dispose`). */
  reopen: (options?: Partial<StoreOptions>) => Store;
  dispose: () => void;
}

const undisposed = new Set<TempStore>();

/** Disposes every temp store not disposed yet, e.g. those of a property run that failed midway. */
export function disposeTempStores(): void {
  for (const temp of undisposed) temp.dispose();
}

/** A store on a fresh temp directory; `dispose` closes every store opened here and removes it. */
export function tempStore(options: Partial<StoreOptions> = {}): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'berth-store-'));
  const file = join(dir, 'berth.db');
  const clock = { now: 1_700_000_000_000 };
  let nextId = 0;
  const opened: Store[] = [];
  const open = (extra: Partial<StoreOptions> = {}): Store => {
    const store = openStore({
      file,
      secretBox: plainTextSecretBox,
      clock: () => clock.now,
      newId: () => `id-${String((nextId += 1)).padStart(4, '0')}`,
      ...options,
      ...extra,
    });
    opened.push(store);
    return store;
  };
  const temp: TempStore = {
    store: open(),
    dir,
    file,
    clock,
    reopen: open,
    dispose() {
      undisposed.delete(temp);
      for (const store of opened) store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  undisposed.add(temp);
  return temp;
}

/** An audit record with sensible defaults. */
export function record(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    actor: 'operator',
    action: 'container.create',
    hostId: 'local',
    target: 'berth-web-rocket-1a2b',
    outcome: 'ok',
    message: 'Created the container',
    engineMessage: '',
    details: {},
    ...overrides,
  };
}

/** A host spec with the schema's defaults. */
export function hostSpec(overrides: Record<string, unknown> = {}): HostSpec {
  return hostInputSchema.parse({
    name: 'Local engine',
    connection: { kind: 'local' },
    ...overrides,
  });
}

/** A challenge spec with the schema's defaults, as the API would have filled them in. */
export function challengeSpec(overrides: Record<string, unknown> = {}): ChallengeSpec {
  return challengeInputSchema.parse({ name: 'Web', image: 'berth-test/web:1.0', ...overrides });
}

/** A store with one host ('local'), one challenge and two teams, for instance and port tests. */
export function seeded(store: Store): { challengeId: string; teamIds: [string, string] } {
  store.hosts.add(hostSpec(), { id: 'local' });
  const challenge = store.challenges.create(challengeSpec());
  const a = store.teams.add({ name: 'Rocket' });
  const b = store.teams.add({ name: 'Ducks' });
  return { challengeId: challenge.id, teamIds: [a.id, b.id] };
}

/** An instance record of the seeded challenge and a team, live unless told otherwise. */
export function instance(
  overrides: Partial<Instance> & Pick<Instance, 'id' | 'challengeId' | 'teamId'>,
): Instance {
  return {
    hostId: 'local',
    containerId: null,
    containerName: `berth-${overrides.id}`,
    workload: 'container',
    status: 'running',
    ports: [],
    flagHash: 'f'.repeat(64),
    createdAt: 1_700_000_000_000,
    startedAt: null,
    expiresAt: 1_700_000_000_000 + 1_800_000,
    extensions: 0,
    endedAt: null,
    error: null,
    ...overrides,
  };
}
