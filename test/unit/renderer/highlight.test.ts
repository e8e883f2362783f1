import { describe, expect, it } from 'vitest';
import { splitMatches } from '../../../renderer/lib/highlight';

describe('splitMatches', () => {
  it('marks every match, ignoring case, and keeps the original text', () => {
    expect(splitMatches('Error: an error', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ': an ', match: false },
      { text: 'error', match: true },
    ]);
  });

  it('returns the whole text unmarked for an empty search or no match', () => {
    expect(splitMatches('abc', '')).toEqual([{ text: 'abc', match: false }]);
    expect(splitMatches('abc', 'z')).toEqual([{ text: 'abc', match: false }]);
  });

  it('does not treat the search as a pattern', () => {
    expect(splitMatches('a.b axb', '.')).toEqual([
      { text: 'a', match: false },
      { text: '.', match: true },
      { text: 'b axb', match: false },
    ]);
  });
});
