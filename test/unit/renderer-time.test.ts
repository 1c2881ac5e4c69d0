import { describe, expect, it } from 'vitest';
import { commitTitle, formatRelativeTime, formatUptime, shortHash } from '../../src/renderer/src/lib/time';

const NOW = Date.parse('2025-03-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('renderer time helpers', () => {
  it('says how long ago something happened', () => {
    expect(formatRelativeTime(ago(2_000), NOW)).toBe('just now');
    expect(formatRelativeTime(ago(42_000), NOW)).toBe('42 s ago');
    expect(formatRelativeTime(ago(5 * 60_000 + 10_000), NOW)).toBe('5 min ago');
    expect(formatRelativeTime(ago(3 * 3_600_000), NOW)).toBe('3 h ago');
    expect(formatRelativeTime(ago(30 * 3_600_000), NOW)).toBe('yesterday');
    expect(formatRelativeTime(ago(4 * 86_400_000), NOW)).toBe('4 days ago');
    expect(formatRelativeTime('2024-12-25T08:00:00Z', NOW)).toBe('2024-12-25');
    expect(formatRelativeTime('not a date', NOW)).toBe('—');
    // a clock slightly behind the server's: still "just now"
    expect(formatRelativeTime(ago(-3_000), NOW)).toBe('just now');
  });

  it('formats uptimes', () => {
    expect(formatUptime(42_500)).toBe('42 s');
    expect(formatUptime(5 * 60_000 + 59_000)).toBe('5 min');
    expect(formatUptime(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatUptime(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatUptime(-1)).toBe('—');
  });

  it('shortens commit hashes and messages', () => {
    expect(shortHash('0123456789abcdef0123456789abcdef01234567')).toBe('0123456');
    expect(shortHash(null)).toBe('—');
    expect(commitTitle('Fix the thing\n\nLong body')).toBe('Fix the thing');
    expect(commitTitle('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(commitTitle(null)).toBe('');
  });
});
