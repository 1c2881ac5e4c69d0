import { describe, expect, it } from 'vitest';
import type { AppUsageDto, ContainerUsageDto } from '../../src/shared/dto/app';
import { USAGE_HISTORY_LENGTH, addUsage, sparklinePoints } from '../../src/renderer/src/lib/usage-history';

const sample = (containerId: string, second: number, cpuPercent: number): ContainerUsageDto => ({
  containerId,
  service: null,
  cpuPercent,
  memoryBytes: 1_000 + second,
  memoryLimitBytes: null,
  networkRxBytes: 0,
  networkTxBytes: 0,
  at: new Date(Date.UTC(2026, 10, 27, 8, 0, second)).toISOString(),
});
const usage = (...containers: ContainerUsageDto[]): AppUsageDto => ({ appId: 'a1', containers });

describe('usage history', () => {
  it('adds a point per container, once per sample, and forgets containers that stopped', () => {
    let history = addUsage({}, usage(sample('c1', 0, 5), sample('c2', 0, 1)));
    history = addUsage(history, usage(sample('c1', 0, 5), sample('c2', 5, 2))); // c1: the same sample again
    expect(history.c1?.map((p) => p.cpuPercent)).toEqual([5]);
    expect(history.c2?.map((p) => p.cpuPercent)).toEqual([1, 2]);
    history = addUsage(history, usage(sample('c2', 10, 3)));
    expect(Object.keys(history)).toEqual(['c2']);
  });

  it('keeps the last five minutes', () => {
    let history = {};
    for (let second = 0; second < USAGE_HISTORY_LENGTH + 7; second++)
      history = addUsage(history, usage(sample('c1', second, second)));
    const points = (history as Record<string, { cpuPercent: number }[]>).c1!;
    expect(points).toHaveLength(USAGE_HISTORY_LENGTH);
    expect(points[0]!.cpuPercent).toBe(7);
  });
});

describe('sparklinePoints', () => {
  it('spreads the values over the width, the largest at the top', () => {
    expect(sparklinePoints([0, 50, 100], 100, 20)).toBe('0,20 50,10 100,0');
  });

  it('a flat zero stays at the bottom; small values sit low against the floor; one value sits at the right', () => {
    expect(sparklinePoints([0, 0], 10, 20)).toBe('0,20 10,20');
    expect(sparklinePoints([1, 2], 10, 20, 100)).toBe('0,19.8 10,19.6');
    expect(sparklinePoints([3], 10, 20)).toBe('10,0');
    expect(sparklinePoints([], 10, 20)).toBe('');
  });
});
