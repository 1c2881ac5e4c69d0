import type { AppUsageDto } from '../../../shared/dto/app';

/**
 * The samples the Usage panel keeps while it is open, per container, for its sparklines. Pure
 * (unit-tested in renderer-usage-history.test.ts).
 */

/** Five minutes at one sample every five seconds. */
export const USAGE_HISTORY_LENGTH = 60;

export interface UsagePoint {
  at: string;
  cpuPercent: number;
  memoryBytes: number;
}

export type UsageHistory = Readonly<Record<string, readonly UsagePoint[]>>;

/**
 * The history with `usage` added: one point per running container (a sample seen before is not
 * added twice), at most `USAGE_HISTORY_LENGTH` each; containers that no longer run are dropped.
 */
export function addUsage(history: UsageHistory, usage: AppUsageDto): UsageHistory {
  const next: Record<string, readonly UsagePoint[]> = {};
  for (const container of usage.containers) {
    const points = history[container.containerId] ?? [];
    const last = points[points.length - 1];
    const point = { at: container.at, cpuPercent: container.cpuPercent, memoryBytes: container.memoryBytes };
    next[container.containerId] = last?.at === point.at ? points : [...points, point].slice(-USAGE_HISTORY_LENGTH);
  }
  return next;
}

/**
 * An SVG polyline's points for `values` in a `width` × `height` box: oldest at the left, the
 * highest value (or `floor`, whichever is larger) at the top, so a flat zero stays at the bottom.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, floor = 1): string {
  if (values.length === 0) return '';
  const top = Math.max(floor, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((value, index) => {
      const x = values.length > 1 ? index * step : width;
      const y = height - (Math.max(0, value) / top) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
