// The measurement the bench suite uses: it must open the screen, scroll it and report its figures.
import { describe, expect, it } from 'vitest';
import { measureInstancesScreen } from '../../support/measure-instances';

describe('instances screen measurement', () => {
  it('reports first render and frame figures for N instances with few rows in the page', async () => {
    const result = await measureInstancesScreen(2000, { scrollFrames: 30 });

    expect(result.instances).toBe(2000);
    expect(result.frames).toBe(30);
    expect(result.domRows).toBeGreaterThan(5);
    expect(result.domRows).toBeLessThan(100);
    for (const figure of [
      result.firstRenderMs,
      result.loadMs,
      result.maxFrameMs,
      result.meanFrameMs,
    ]) {
      expect(Number.isFinite(figure) && figure > 0).toBe(true);
    }
    expect(result.maxFrameMs).toBeGreaterThanOrEqual(result.meanFrameMs);
  });
});
