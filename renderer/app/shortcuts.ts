// Keyboard shortcuts as key sequences ("g h", "/", "1"), matched one key at a time. Pure.

export interface Shortcut {
  /** event.key values in order: ['g', 'h'], ['/'], ['ArrowDown']. */
  sequence: readonly string[];
  description: string;
  run: () => void;
}

export interface MatchResult {
  /** The shortcut the key completed, if any. */
  matched: Shortcut | null;
  /** Keys typed so far that start a longer sequence. */
  pending: readonly string[];
}

function startsWith(sequence: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((key, index) => sequence[index] === key);
}

/** Feeds one key after `pending`; an unknown key drops the pending prefix and is tried alone. */
export function matchKey(
  shortcuts: readonly Shortcut[],
  pending: readonly string[],
  key: string,
): MatchResult {
  const typed = [...pending, key];
  const exact = shortcuts.find(
    (s) => s.sequence.length === typed.length && startsWith(s.sequence, typed),
  );
  if (exact) return { matched: exact, pending: [] };
  if (shortcuts.some((s) => s.sequence.length > typed.length && startsWith(s.sequence, typed))) {
    return { matched: null, pending: typed };
  }
  return pending.length > 0 ? matchKey(shortcuts, [], key) : { matched: null, pending: [] };
}

/** A sequence as the help overlay shows it: "g then h", "/", "↓". */
export function describeSequence(sequence: readonly string[]): string {
  const names: Record<string, string> = {
    ArrowDown: '↓',
    ArrowUp: '↑',
    Escape: 'Esc',
    Delete: 'Del',
    ' ': 'Space',
  };
  return sequence.map((key) => names[key] ?? key).join(' then ');
}
