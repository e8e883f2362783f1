// What every suite is given: the engine, the bare client, how many rounds, and where figures go.
import type Docker from 'dockerode';
import type { Figure } from './results';

/** Berth's launches take ports from here (the bench's band is 45000-45999). */
export const berthBand = { start: 45000, end: 45499 };

/** Reference containers take ports from here, so the two never meet. */
export const referenceBand = { start: 45500, end: 45999 };

export interface BenchContext {
  /** The engine's address, unix://... */
  address: string;
  docker: Docker;
  /** Scales the number of rounds: 1 normally, less for a quick look. */
  scale: number;
  log(message: string): void;
  record(figure: Figure): void;
}

/** `n` rounds scaled for a quick run, never fewer than `least`. */
export function rounds(context: BenchContext, n: number, least = 3): number {
  return Math.max(least, Math.round(n * context.scale));
}

/** Hands out reference ports in turn over the reference band. */
export function referencePorts(): () => number {
  let next = referenceBand.start;
  return () => {
    const port = next;
    next = next >= referenceBand.end ? referenceBand.start : next + 1;
    return port;
  };
}
