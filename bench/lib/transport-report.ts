import { round, type Summary } from './measure';

export const CALLS = ['ping', 'list', 'inspect', 'parallelInspect'] as const;
export type Call = (typeof CALLS)[number];

export const CALL_LABELS: Record<Call, string> = {
  ping: 'ping()',
  list: 'listContainers({ all: true })',
  inspect: 'getContainer(id).inspect()',
  parallelInspect: '', // filled in with the width
};

export type ClientFigures = Record<Call, Summary>;

export interface RttResult {
  /** One small TCP round trip through the same kind of WAN proxy: what no client can beat. */
  floor: Summary;
  ours: ClientFigures;
  baseline: ClientFigures;
  /** baseline median / ours median, per call: how many times faster ours is. */
  ratios: Record<Call, number>;
}

export interface Target {
  description: string;
  value: number;
  limit: number;
  comparison: '<=' | '>=';
  pass: boolean;
  note?: string;
}

export interface Targets {
  rttMs: number;
  evaluated: boolean;
  reason?: string;
  pingWithin1_2xRtt?: Target;
  tenTimesFasterThanBaseline?: Target;
  parallelInspectWithin3xRtt?: Target;
  allPass: boolean | null;
}

export function ratiosOf(ours: ClientFigures, baseline: ClientFigures): Record<Call, number> {
  const ratio = (call: Call): number => round(baseline[call].median / ours[call].median, 2);
  return {
    ping: ratio('ping'),
    list: ratio('list'),
    inspect: ratio('inspect'),
    parallelInspect: ratio('parallelInspect'),
  };
}

/** The acceptance targets of issue 2, item 13, evaluated at `rttMs` if it was measured. */
export function evaluateTargets(results: Record<string, RttResult>, rttMs: number, width: number): Targets {
  const at = results[String(rttMs)];
  if (!at) return { rttMs, evaluated: false, reason: `${rttMs} ms RTT was not measured`, allPass: null };
  const target = (description: string, value: number, comparison: Target['comparison'], limit: number): Target => ({
    description,
    value,
    limit: round(limit),
    comparison,
    pass: comparison === '<=' ? value <= limit : value >= limit,
  });
  const targets = {
    pingWithin1_2xRtt: target('our median ping ≤ 1.2 × RTT (ms)', at.ours.ping.median, '<=', 1.2 * rttMs),
    tenTimesFasterThanBaseline: {
      ...target('baseline median ping / our median ping ≥ 10', at.ratios.ping, '>=', 10),
      // Context, not an excuse: no client can beat one network round trip.
      note: `a client costing exactly one network round trip would reach ${round(at.baseline.ping.median / at.floor.median, 1)}`,
    },
    parallelInspectWithin3xRtt: target(
      `our ${width} parallel inspects ≤ 3 × RTT (ms, wall)`,
      at.ours.parallelInspect.median,
      '<=',
      3 * rttMs,
    ),
  };
  return { rttMs, evaluated: true, ...targets, allPass: Object.values(targets).every((t) => t.pass) };
}

const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

export function renderTable(results: Record<string, RttResult>, width: number): string {
  const header = ['RTT', 'call', 'ours median', 'ours p90', 'baseline median', 'baseline p90', 'baseline/ours'];
  const rows: string[][] = [];
  for (const [rtt, result] of Object.entries(results)) {
    rows.push([
      `${rtt} ms`,
      'network floor (1 TCP round trip)',
      `${fmtMs(result.floor.median)} ms`,
      `${fmtMs(result.floor.p90)} ms`,
      '',
      '',
      '',
    ]);
    CALLS.forEach((call) => {
      const label = call === 'parallelInspect' ? `${width} parallel inspects (wall)` : CALL_LABELS[call];
      rows.push([
        '',
        label,
        `${fmtMs(result.ours[call].median)} ms`,
        `${fmtMs(result.ours[call].p90)} ms`,
        `${fmtMs(result.baseline[call].median)} ms`,
        `${fmtMs(result.baseline[call].p90)} ms`,
        `${result.ratios[call].toFixed(1)}×`,
      ]);
    });
  }
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, col) => (col <= 1 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function renderTargets(targets: Targets): string {
  if (!targets.evaluated) return `targets at ${targets.rttMs} ms RTT: not evaluated (${targets.reason})`;
  const lines = [
    targets.pingWithin1_2xRtt,
    targets.tenTimesFasterThanBaseline,
    targets.parallelInspectWithin3xRtt,
  ].flatMap((t) => {
    if (!t) return [];
    const note = t.note ? ` (${t.note})` : '';
    return [`${t.pass ? 'PASS' : 'FAIL'}  ${t.description}: ${t.value} ${t.comparison} ${t.limit}${note}`];
  });
  return [`targets at ${targets.rttMs} ms RTT:`, ...lines].join('\n');
}
