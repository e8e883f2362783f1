// Seeds for the fault suites, printed so a failure can be replayed, and the count of faults injected.

const defaultSeed = 9_000_009;

/** The seed of this run (BERTH_FAULT_SEED, or a fixed default), printed once per suite. */
export function suiteSeed(suite: string): number {
  const given = Number(process.env.BERTH_FAULT_SEED);
  const seed = Number.isInteger(given) && process.env.BERTH_FAULT_SEED ? given : defaultSeed;
  process.stdout.write(`[faults] ${suite}: seed ${seed} (replay with BERTH_FAULT_SEED=${seed})\n`);
  return seed;
}

/** A small seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts the faults a suite injected, printed when it ends. */
export const faultCount = {
  count: 0,
  add(n = 1): void {
    this.count += n;
  },
  report(suite = 'faults'): void {
    process.stdout.write(`[faults] ${suite}: ${this.count} faults injected\n`);
  },
};
