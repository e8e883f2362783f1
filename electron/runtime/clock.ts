// Time and randomness, passed in so expiry, reaping and flags are testable without waiting.
import { randomBytes, randomInt } from 'node:crypto';

export interface Clock {
  now(): number;
}

export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** `size` random bytes. */
  bytes(size: number): Buffer;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemRandom: RandomSource = {
  next: () => randomInt(0, 2 ** 47) / 2 ** 47,
  bytes: (size) => randomBytes(size),
};
