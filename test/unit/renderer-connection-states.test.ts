import { describe, expect, it } from 'vitest';
import type { ConnectionStateDto } from '../../src/shared/dto/server';
import { mergeConnectionStates } from '../../src/renderer/src/lib/connection-states';

const state = (serverId: string, status: ConnectionStateDto['status'], since: number): ConnectionStateDto => ({
  serverId,
  status,
  reason: null,
  attempt: 0,
  channels: 0,
  since,
});

describe('renderer connection states', () => {
  it('keeps the latest state per server', () => {
    const merged = mergeConnectionStates(undefined, [
      state('a', 'connecting', 1),
      state('b', 'idle', 1),
      state('a', 'connected', 2),
    ]);
    expect(merged.a?.status).toBe('connected');
    expect(merged.b?.status).toBe('idle');
  });

  it('ignores an event older than the one held', () => {
    const current = mergeConnectionStates(undefined, [state('a', 'connected', 10)]);
    const merged = mergeConnectionStates(current, [state('a', 'connecting', 5)]);
    expect(merged).toBe(current);
    expect(merged.a?.status).toBe('connected');
  });

  it('returns the same object when nothing changes, a new one otherwise', () => {
    const current = mergeConnectionStates(undefined, [state('a', 'connected', 10)]);
    expect(mergeConnectionStates(current, [])).toBe(current);
    const next = mergeConnectionStates(current, [state('a', 'reconnecting', 11)]);
    expect(next).not.toBe(current);
    expect(current.a?.status).toBe('connected');
  });
});
