// What every part of the runtime shares: the store, the engines, time, and where changes are told.
import type { AuditRecord } from '../../shared/audit';
import { BerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import type { ApiEvents, EventName } from '../../shared/api';
import type { Store } from '../store/database';
import type { Clock, RandomSource } from './clock';
import type { InstanceEngine } from './engine-port';
import type { KeyedLock } from './keyed-lock';

export interface EngineRegistry {
  /** The client for a host; throws not-found for an unknown host. */
  engineFor(hostId: string): InstanceEngine;
  /** True when the last health check found the host up (or none ran yet). */
  isHealthy(hostId: string): boolean;
}

export interface RuntimeContext {
  store: Store;
  engines: EngineRegistry;
  clock: Clock;
  random: RandomSource;
  locks: KeyedLock;
  /** Tells every open client that something changed. */
  publish<E extends EventName>(type: E, payload: ApiEvents[E]): void;
  /** Records one audit entry for a runtime decision (engine calls are recorded by the client). */
  audit(record: Omit<AuditRecord, 'engineMessage' | 'details'> & Partial<AuditRecord>): void;
  /** Test hooks: points where a test may stop the process to simulate a crash. */
  hooks?: { afterContainerCreated?(instanceId: string): void };
}

/** The host a decision is about, or a not-found error. */
export function requireHost(context: RuntimeContext, hostId: string): Host {
  const host = context.store.hosts.get(hostId);
  if (!host) throw new BerthError('not-found', `No host with id ${hostId}`, { field: 'hostId' });
  return host;
}
