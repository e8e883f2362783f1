import { describe, expect, it } from 'vitest';
import {
  chooseApiVersion,
  compareApiVersions,
  newestApiVersion,
  oldestApiVersion,
} from '../../../electron/docker/api-version';

describe('chooseApiVersion', () => {
  it('speaks the engine version when it is between the oldest and newest Berth knows', () => {
    expect(chooseApiVersion({ apiVersion: '1.41', version: '20.10.24' })).toBe('1.41');
    expect(chooseApiVersion({ apiVersion: '1.43', version: '24.0.7' })).toBe('1.43');
  });

  it('speaks the newest version Berth knows to a newer engine', () => {
    expect(chooseApiVersion({ apiVersion: '1.52', version: '29.0.0' })).toBe(newestApiVersion);
  });

  it('refuses an engine older than the oldest tested, naming both versions', () => {
    const choose = (): string =>
      chooseApiVersion({ apiVersion: '1.40', version: '19.03.15' }, 'lab-old');

    expect(choose).toThrow(
      expect.objectContaining({
        kind: 'engine',
        message: `lab-old runs Docker 19.03.15 (API 1.40); Berth needs API ${oldestApiVersion} (Docker 20.10) or newer.`,
      }) as Error,
    );
  });

  it('refuses an engine that does not say its API version', () => {
    expect(() => chooseApiVersion({ apiVersion: '', version: '?' })).toThrow(
      /did not say which API version/,
    );
  });
});

describe('compareApiVersions', () => {
  it('compares minor versions as numbers, not text', () => {
    expect(compareApiVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareApiVersions('1.41', '1.41')).toBe(0);
    expect(compareApiVersions('2.0', '1.99')).toBeGreaterThan(0);
  });
});
