import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTable } from '../../scripts/api-table';

describe('the README', () => {
  it('documents every API method with its current input', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const documented = /<!-- api-table:start -->\n([\s\S]*?)\n<!-- api-table:end -->/.exec(
      readme,
    )?.[1];
    expect(documented).toBe(apiTable());
  });
});
