import { performance } from 'node:perf_hooks';

/** Latency samples in milliseconds and the summaries the reports use. */
export interface Summary {
  median: number;
  min: number;
  p90: number;
  samples: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
  };
  return { median: round(at(0.5)), min: round(sorted[0] ?? 0), p90: round(at(0.9)), samples: sorted.length };
}

export function round(ms: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(ms * f) / f;
}

/**
 * How many samples to take: `count`, but once `budgetMs` of wall time is spent, stop as soon as
 * `minSamples` are in. Keeps a pathologically slow client from blowing the bench's time limit.
 */
export interface SampleBudget {
  count: number;
  minSamples: number;
  budgetMs: number;
}

async function sample(budget: SampleBudget, once: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < budget.count; i += 1) {
    if (samples.length >= budget.minSamples && performance.now() - started > budget.budgetMs) break;
    const start = performance.now();
    await once();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Calls `fn` one after the other and returns each call's wall time. */
export function timeSerial(budget: SampleBudget, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  let i = 0;
  return sample(budget, () => fn(i++));
}

/** Rounds of `width` concurrent calls; returns each round's wall time. */
export function timeParallel(
  budget: SampleBudget,
  width: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number[]> {
  return sample(budget, () => Promise.all(Array.from({ length: width }, (_, i) => fn(i))));
}
