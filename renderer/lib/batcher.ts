// Gathers items arriving in bursts (events) and hands them over together, a few times a second.

export interface Batcher<T> {
  add(item: T): void;
  /** Hands over what is pending now. */
  flush(): void;
}

/** Calls `deliver` with everything added during the last `delayMs`. */
export function createBatcher<T>(deliver: (items: T[]) => void, delayMs = 50): Batcher<T> {
  let pending: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    deliver(items);
  }

  return {
    add(item) {
      pending.push(item);
      // A timer, not an animation frame: frames stop in a hidden window and events would pile up.
      timer ??= setTimeout(flush, delayMs);
    },
    flush,
  };
}
