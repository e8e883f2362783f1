import { describe, expect, it } from 'vitest';
import type { Shortcut } from '../../../renderer/app/shortcuts';
import { describeSequence, matchKey } from '../../../renderer/app/shortcuts';

const noop = (): void => undefined;
const shortcuts: Shortcut[] = [
  { sequence: ['g', 'h'], description: 'hosts', run: noop },
  { sequence: ['g', 'i'], description: 'instances', run: noop },
  { sequence: ['/'], description: 'search', run: noop },
  { sequence: ['1'], description: 'first', run: noop },
];

describe('matchKey', () => {
  it('waits after the first key of a sequence and runs on the second', () => {
    const first = matchKey(shortcuts, [], 'g');
    expect(first).toEqual({ matched: null, pending: ['g'] });

    const second = matchKey(shortcuts, first.pending, 'h');
    expect(second.matched?.description).toBe('hosts');
    expect(second.pending).toEqual([]);
  });

  it('runs single keys at once', () => {
    expect(matchKey(shortcuts, [], '/').matched?.description).toBe('search');
  });

  it('drops a broken sequence and tries the new key alone', () => {
    expect(matchKey(shortcuts, ['g'], '1').matched?.description).toBe('first');
    expect(matchKey(shortcuts, ['g'], 'z')).toEqual({ matched: null, pending: [] });
  });

  it('ignores keys no shortcut uses', () => {
    expect(matchKey(shortcuts, [], 'q')).toEqual({ matched: null, pending: [] });
  });
});

describe('describeSequence', () => {
  it('names keys the way the help overlay shows them', () => {
    expect(describeSequence(['g', 'h'])).toBe('g then h');
    expect(describeSequence(['ArrowDown'])).toBe('↓');
    expect(describeSequence(['Delete'])).toBe('Del');
  });
});
