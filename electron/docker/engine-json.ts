// Defensive readers for the engine's JSON: a field of an unexpected shape reads as empty, never throws.

/** The value as a plain object, or an empty one. */
export function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The value as a string, or the fallback. */
export function stringOf(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** The value as a finite number, or the fallback. */
export function numberOf(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The strings in an array; anything else reads as an empty list. */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** The string-valued entries of an object (labels); null or odd shapes read as none. */
export function stringRecordOf(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(recordOf(value))) {
    if (typeof item === 'string') result[key] = item;
  }
  return result;
}

/** Milliseconds from an RFC 3339 time; null for Docker's zero time or anything unreadable. */
export function timeOf(value: unknown): number | null {
  if (typeof value !== 'string' || value.startsWith('0001-01-01')) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}
