// The panel's clock, injected so countdowns can be driven by tests.

export interface Clock {
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
