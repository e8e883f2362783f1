import { describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../shared/host';
import type { ApiEvent } from '../../../shared/rpc';
import { createEventBus } from '../../../electron/api/event-bus';

const status: HostStatus = {
  hostId: 'local',
  health: 'up',
  checkedAt: 1_700_000_000_000,
  version: '20.10.24',
  apiVersion: '1.41',
  containersRunning: 3,
  cpus: 4,
  memoryBytes: 8_000_000_000,
  error: null,
};

describe('the event bus', () => {
  it('delivers each event with its type and payload to every subscriber', () => {
    const bus = createEventBus();
    const first: ApiEvent[] = [];
    const second: ApiEvent[] = [];
    bus.subscribe((event) => first.push(event));
    bus.subscribe((event) => second.push(event));

    bus.publish('host.status', status);

    expect(first).toEqual([{ type: 'host.status', payload: status }]);
    expect(second).toEqual(first);
  });

  it('keeps delivering to the other subscribers when one of them throws', () => {
    const bus = createEventBus();
    const seen: string[] = [];
    bus.subscribe(() => seen.push('before'));
    bus.subscribe(() => {
      throw new Error('listener bug');
    });
    bus.subscribe(() => seen.push('after'));

    bus.publish('host.status', status);

    expect(seen).toEqual(['before', 'after']);
  });

  it('stops delivering after unsubscribe, and a second unsubscribe is harmless', () => {
    const bus = createEventBus();
    const seen: ApiEvent[] = [];
    const unsubscribe = bus.subscribe((event) => seen.push(event));

    unsubscribe();
    unsubscribe();
    bus.publish('host.status', status);

    expect(seen).toEqual([]);
  });

  it('still reaches every subscriber when one unsubscribes another mid-delivery', () => {
    const bus = createEventBus();
    const seen: string[] = [];
    const unsubscribers: (() => void)[] = [];
    unsubscribers.push(
      bus.subscribe(() => {
        seen.push('first');
        unsubscribers[1]?.();
      }),
    );
    unsubscribers.push(bus.subscribe(() => seen.push('second')));

    bus.publish('host.status', status);
    bus.publish('host.status', status);

    expect(seen).toEqual(['first', 'second', 'first']);
  });

  it('treats the same function subscribed twice as two subscriptions', () => {
    const bus = createEventBus();
    const seen: ApiEvent[] = [];
    const listener = (event: ApiEvent) => seen.push(event);
    const unsubscribe = bus.subscribe(listener);
    bus.subscribe(listener);

    unsubscribe();
    bus.publish('host.status', status);

    expect(seen).toHaveLength(1);
  });
});
