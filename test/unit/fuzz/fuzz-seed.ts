// One seed for every property test of the fuzz suites, printed so any failure can be replayed:
// BERTH_FUZZ_SEED=<seed> npx vitest run test/unit/fuzz

const defaultSeed = 20_260_609;

/** The seed of this run (BERTH_FUZZ_SEED, or a fixed default), printed once per file. */
export function fuzzSeed(suite: string): number {
  const given = Number(process.env.BERTH_FUZZ_SEED);
  const seed = Number.isInteger(given) && process.env.BERTH_FUZZ_SEED ? given : defaultSeed;
  process.stdout.write(`[fuzz] ${suite}: seed ${seed} (replay with BERTH_FUZZ_SEED=${seed})\n`);
  return seed;
}

/** Counts inputs tried per suite, for the closing note; printed when a suite ends. */
export class InputCounter {
  #count = 0;

  constructor(private readonly suite: string) {}

  add(n = 1): void {
    this.#count += n;
  }

  report(): void {
    process.stdout.write(`[fuzz] ${this.suite}: ${this.#count} inputs tried\n`);
  }
}
