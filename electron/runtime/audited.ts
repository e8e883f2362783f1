// Which failures already have their audit entry, so the API layer records each failure exactly once.

const audited = new WeakSet<object>();

/** Notes that `error` has been written to the audit log. */
export function markAudited<E extends object>(error: E): E {
  audited.add(error);
  return error;
}

/** True when `error` already has its audit entry. */
export function wasAudited(error: unknown): boolean {
  return typeof error === 'object' && error !== null && audited.has(error);
}
