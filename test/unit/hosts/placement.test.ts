import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/host';
import { hostInputSchema } from '../../../shared/host';
import type { Candidate } from '../../../electron/runtime/placement';
import { rankCandidates } from '../../../electron/runtime/placement';

const mib = 1024 ** 2;

function host(name: string, createdAt: number): Host {
  return {
    ...hostInputSchema.parse({ name, connection: { kind: 'local' } }),
    id: name,
    createdAt,
  };
}

function candidate(name: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    host: host(name, name.charCodeAt(0)),
    freeSlots: 10,
    freeMemory: 1024 * mib,
    committedMemory: 0,
    ...overrides,
  };
}

const order = (candidates: Candidate[]): string[] =>
  rankCandidates(candidates).map((c) => c.host.name);

describe('the placement rule', () => {
  it('prefers the host with the most free instance slots', () => {
    expect(order([candidate('a', { freeSlots: 3 }), candidate('b', { freeSlots: 7 })])).toEqual([
      'b',
      'a',
    ]);
  });

  it('breaks a tie in slots by the most free memory', () => {
    expect(
      order([
        candidate('a', { freeMemory: 512 * mib }),
        candidate('b', { freeMemory: 2048 * mib }),
      ]),
    ).toEqual(['b', 'a']);
  });

  it('compares committed memory when a host has not reported its size yet', () => {
    expect(
      order([
        candidate('a', { freeMemory: null, committedMemory: 64 * mib }),
        candidate('b', { freeMemory: 4096 * mib, committedMemory: 128 * mib }),
      ]),
    ).toEqual(['a', 'b']);
  });

  it('falls back to the host added first when everything is equal', () => {
    expect(order([candidate('b'), candidate('a')])).toEqual(['a', 'b']);
  });

  it('spreads a run of launches over two hosts as the rule says', () => {
    const hosts = {
      big: { ...candidate('big', { freeSlots: 20 }), freeMemory: 8192 * mib },
      small: { ...candidate('small', { freeSlots: 10 }), freeMemory: 8192 * mib },
    };
    const placed: string[] = [];
    for (let launch = 0; launch < 20; launch += 1) {
      const [first] = rankCandidates(Object.values(hosts));
      if (!first) throw new Error('no candidate');
      const chosen = hosts[first.host.name as keyof typeof hosts];
      chosen.freeSlots -= 1;
      chosen.freeMemory -= 64 * mib;
      chosen.committedMemory += 64 * mib;
      placed.push(first.host.name);
    }

    expect(placed.slice(0, 10).every((name) => name === 'big')).toBe(true);
    expect(placed.slice(10)).toEqual([
      'small',
      'big',
      'small',
      'big',
      'small',
      'big',
      'small',
      'big',
      'small',
      'big',
    ]);
  });
});
