import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatTimeLeft,
  plural,
  shortId,
} from '../../../renderer/lib/format';

describe('formatTimeLeft', () => {
  const now = 1_000_000;

  it('counts minutes and seconds under an hour', () => {
    expect(formatTimeLeft(now + 5 * 60_000, now)).toBe('5:00');
    expect(formatTimeLeft(now + 5 * 60_000 - 1000, now)).toBe('4:59');
    expect(formatTimeLeft(now + 9_000, now)).toBe('0:09');
  });

  it('adds hours when there are any', () => {
    expect(formatTimeLeft(now + 3_723_000, now)).toBe('1:02:03');
  });

  it('rounds a part-second up, so 0:00 is never shown before the end', () => {
    expect(formatTimeLeft(now + 1, now)).toBe('0:01');
  });

  it('says expired at and after the end', () => {
    expect(formatTimeLeft(now, now)).toBe('expired');
    expect(formatTimeLeft(now - 10_000, now)).toBe('expired');
  });
});

describe('sizes, durations and words', () => {
  it('reads bytes in the largest sensible unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(16 * 1024 ** 3)).toBe('16.0 GB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('reads durations in seconds, minutes and hours', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(1800)).toBe('30 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(5400)).toBe('1 h 30 min');
  });

  it('puts nouns in the right number and groups thousands', () => {
    expect(plural(1, 'team')).toBe('1 team');
    expect(plural(5000, 'instance')).toBe('5,000 instances');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('shortens image ids as Docker does', () => {
    expect(shortId('sha256:3f1e6c2d9a8b7c6d5e4f')).toBe('3f1e6c2d9a8b');
  });
});
