import { describe, expect, it } from 'vitest';
import {
  JUMP_SLOTS,
  RECENT_LIMIT,
  jumpTargets,
  parseIdList,
  togglePinned,
  withRecent,
} from '../../src/renderer/src/lib/recent-apps';

describe('recent apps', () => {
  it('moves the opened app to the front without duplicates, up to the limit', () => {
    expect(withRecent([], 'a')).toEqual(['a']);
    expect(withRecent(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(withRecent(['a', 'b'], 'a')).toEqual(['a', 'b']);
    const many = Array.from({ length: RECENT_LIMIT }, (_, i) => `app${i}`);
    const next = withRecent(many, 'new');
    expect(next).toHaveLength(RECENT_LIMIT);
    expect(next[0]).toBe('new');
    expect(next).not.toContain(`app${RECENT_LIMIT - 1}`);
    expect(withRecent(['a', 'b', 'c'], 'd', 2)).toEqual(['d', 'a']);
  });

  it('reads stored lists defensively', () => {
    expect(parseIdList(null)).toEqual([]);
    expect(parseIdList('["a","b","a",3,"",null]')).toEqual(['a', 'b']);
    expect(parseIdList('{"a":1}')).toEqual([]);
    expect(parseIdList('not json')).toEqual([]);
  });
});

describe('pinned apps', () => {
  it('toggles: pinning appends, unpinning removes', () => {
    expect(togglePinned([], 'a')).toEqual(['a']);
    expect(togglePinned(['a'], 'b')).toEqual(['a', 'b']);
    expect(togglePinned(['a', 'b'], 'a')).toEqual(['b']);
  });
});

describe('jump targets', () => {
  const existing = new Set(['p1', 'p2', 'r1', 'r2', 'r3']);

  it('puts pinned apps first, then recent ones, skipping duplicates and deleted apps', () => {
    expect(jumpTargets(['p1', 'p2'], ['r1', 'p1', 'gone', 'r2'], existing)).toEqual(['p1', 'p2', 'r1', 'r2']);
    expect(jumpTargets([], ['r3', 'r1'], existing)).toEqual(['r3', 'r1']);
    expect(jumpTargets(['gone'], [], existing)).toEqual([]);
  });

  it('fills at most nine slots', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `a${i}`);
    const all = new Set(ids);
    expect(jumpTargets(ids.slice(0, 4), ids.slice(4), all)).toEqual(ids.slice(0, JUMP_SLOTS));
  });
});
