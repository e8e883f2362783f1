import { describe, expect, it } from 'vitest';
import { apiMethods } from '../../shared/api';

describe('changing settings', () => {
  it('changes only the keys given', () => {
    expect(apiMethods['settings.update'].input.parse({ reconcilePolicy: 'adopt' })).toEqual({
      reconcilePolicy: 'adopt',
    });
  });

  it('refuses keys that are not settings and values out of range', () => {
    expect(apiMethods['settings.update'].input.safeParse({ colour: 'red' }).success).toBe(false);
    expect(
      apiMethods['settings.update'].input.safeParse({ reaperIntervalSeconds: 0 }).success,
    ).toBe(false);
  });
});
