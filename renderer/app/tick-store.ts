// One shared clock tick a second, so only the cells that show time re-render.
import { create } from 'zustand';
import type { Clock } from '../lib/clock';
import { systemClock } from '../lib/clock';

interface TickState {
  now: number;
}

/** The current time, updated once a second by startTicking. */
export const useTick = create<TickState>()(() => ({ now: systemClock.now() }));

/** Starts ticking on whole seconds of `clock`; returns the function that stops it. */
export function startTicking(clock: Clock = systemClock): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;

  function tick(): void {
    const now = clock.now();
    useTick.setState({ now });
    timer = setTimeout(tick, 1000 - (now % 1000));
  }

  tick();
  return () => {
    clearTimeout(timer);
  };
}
