// Shared pieces of the Docker client's integration tests: a client on the test engine, an
// in-memory audit sink, specs that carry the test label, and cleanup by that label.
import type { AuditRecord } from '../../../shared/audit';
import type { HostConnection } from '../../../shared/host';
import { createEngineClient } from '../../../electron/docker/engine-client';
import type { EngineClient, EngineClientOptions } from '../../../electron/docker/engine-client';
import type { ContainerSpec } from '../../../electron/docker/engine-types';
import { bareDocker, testLabel, testSocketPath } from '../../engine/engine';

/** The label value that tells this suite's containers from other suites' on the shared engine. */
export const suiteLabel = `${testLabel}.suite`;

export interface TestClient {
  client: EngineClient;
  records: AuditRecord[];
}

/** A client on the test engine's socket that keeps its audit records in memory. */
export function testClient(
  overrides: Partial<EngineClientOptions> & { connection?: HostConnection } = {},
): TestClient {
  const records: AuditRecord[] = [];
  const client = createEngineClient({
    hostId: 'host-test',
    hostName: 'lab-test',
    connection: { kind: 'socket', socketPath: testSocketPath() },
    audit: (record) => records.push(record),
    actor: 'test',
    ...overrides,
  });
  return { client, records };
}

/** A container spec with sane limits, the test labels, and no published ports unless given. */
export function testSpec(
  suite: string,
  name: string,
  overrides: Partial<ContainerSpec> = {},
): ContainerSpec {
  return {
    name: `berth-it-${suite}-${name}`,
    image: 'berth-test/web:1.0',
    env: {},
    labels: { [testLabel]: 'true', [suiteLabel]: suite },
    command: null,
    ports: [],
    memoryBytes: 64 * 1024 * 1024,
    nanoCpus: 500_000_000,
    pidsLimit: 64,
    readOnlyRootfs: false,
    capDrop: ['ALL'],
    capAdd: [],
    noNewPrivileges: true,
    tty: false,
    ...overrides,
  };
}

/** The ids of every container (running or not) this suite made that still exists. */
export async function suiteContainers(suite: string): Promise<string[]> {
  const containers = await bareDocker().listContainers({
    all: true,
    filters: { label: [`${suiteLabel}=${suite}`] },
  });
  return containers.map((container) => container.Id);
}

/** Removes every container this suite made; for afterEach, so a failed test leaves nothing. */
export async function removeSuiteContainers(suite: string): Promise<void> {
  const docker = bareDocker();
  for (const id of await suiteContainers(suite)) {
    await docker
      .getContainer(id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  }
}

/** The records of one action, in order. */
export function recordsOf(records: AuditRecord[], action: string): AuditRecord[] {
  return records.filter((record) => record.action === action);
}
