import type { DeploySample } from './deploy-baseline';
import { round, summarize, type Summary } from './measure';

/** The deploy bench's figures, ratios and targets, and how they are printed. */

export const VARIANTS = ['ours', 'fetch', 'reclone'] as const;
export type Variant = (typeof VARIANTS)[number];
export type DeployKind = 'first' | 'redeploy';

export const VARIANT_LABELS: Record<Variant, string> = {
  ours: 'ours (core API, deploy.start)',
  fetch: '(a) plain ssh: fetch + checkout',
  reclone: '(b) plain ssh: re-clone',
};

export interface KindFigure extends Summary {
  /** Median milliseconds per stage. */
  stages: Record<string, number>;
}

export type VariantFigures = Record<DeployKind, KindFigure>;
export type Samples = Record<Variant, Record<DeployKind, DeploySample[]>>;

export const REDEPLOY_LIMIT_VS_FETCH = 1.3;

export interface Targets {
  rttMs: number;
  /** false when the run was not at the target RTT or ours was not measured. */
  evaluated: boolean;
  why: string | null;
  redeployVsFetch: { ratio: number | null; limit: number; pass: boolean | null };
  redeployVsReclone: { ratio: number | null; limit: 1; pass: boolean | null };
  allPass: boolean | null;
}

export function emptySamples(): Samples {
  return {
    ours: { first: [], redeploy: [] },
    fetch: { first: [], redeploy: [] },
    reclone: { first: [], redeploy: [] },
  };
}

function median(values: number[]): number {
  return summarize(values).median;
}

function figureOf(samples: DeploySample[]): KindFigure {
  const stageNames = [...new Set(samples.flatMap((sample) => Object.keys(sample.stages)))];
  const stages: Record<string, number> = {};
  for (const name of stageNames) {
    const values = samples.map((sample) => sample.stages[name]).filter((value): value is number => value !== undefined);
    if (values.length > 0) stages[name] = round(median(values), 0);
  }
  return { ...summarize(samples.map((sample) => sample.ms)), stages };
}

export function figuresOf(samples: Samples): Partial<Record<Variant, VariantFigures>> {
  const figures: Partial<Record<Variant, VariantFigures>> = {};
  for (const variant of VARIANTS) {
    const { first, redeploy } = samples[variant];
    if (first.length > 0 && redeploy.length > 0)
      figures[variant] = { first: figureOf(first), redeploy: figureOf(redeploy) };
  }
  return figures;
}

export type Ratios = Record<
  DeployKind,
  { oursVsFetch: number | null; oursVsReclone: number | null; recloneVsFetch: number | null }
>;

export function ratiosOf(figures: Partial<Record<Variant, VariantFigures>>): Ratios {
  const ratio = (kind: DeployKind, a: Variant, b: Variant): number | null => {
    const [x, y] = [figures[a]?.[kind].median, figures[b]?.[kind].median];
    return x === undefined || y === undefined || y === 0 ? null : round(x / y, 3);
  };
  const of = (kind: DeployKind) => ({
    oursVsFetch: ratio(kind, 'ours', 'fetch'),
    oursVsReclone: ratio(kind, 'ours', 'reclone'),
    recloneVsFetch: ratio(kind, 'reclone', 'fetch'),
  });
  return { first: of('first'), redeploy: of('redeploy') };
}

export function evaluateTargets(ratios: Ratios, rttMs: number, targetRttMs: number, oursWhy: string | null): Targets {
  const { oursVsFetch, oursVsReclone } = ratios.redeploy;
  const why =
    rttMs !== targetRttMs
      ? `the targets are defined at ${targetRttMs} ms RTT; this run used ${rttMs} ms`
      : (oursWhy ?? (oursVsFetch === null || oursVsReclone === null ? 'ours or a baseline was not measured' : null));
  const evaluated = why === null;
  const fetchPass = evaluated && oursVsFetch !== null ? oursVsFetch <= REDEPLOY_LIMIT_VS_FETCH : null;
  const reclonePass = evaluated && oursVsReclone !== null ? oursVsReclone < 1 : null;
  return {
    rttMs: targetRttMs,
    evaluated,
    why,
    redeployVsFetch: { ratio: oursVsFetch, limit: REDEPLOY_LIMIT_VS_FETCH, pass: fetchPass },
    redeployVsReclone: { ratio: oursVsReclone, limit: 1, pass: reclonePass },
    allPass: evaluated ? fetchPass === true && reclonePass === true : null,
  };
}

const pad = (text: string, width: number): string => text.padEnd(width);
const padLeft = (text: string, width: number): string => text.padStart(width);
const ms = (value: number | undefined): string => (value === undefined ? '—' : `${Math.round(value)}`);

export function renderTable(figures: Partial<Record<Variant, VariantFigures>>, ratios: Ratios): string {
  const lines: string[] = [];
  const head = `${pad('deploy (ms; median [min–p90] of n)', 36)}${padLeft('first deploy', 24)}${padLeft('redeploy', 24)}`;
  lines.push(head, '-'.repeat(head.length));
  const cell = (figure: KindFigure | undefined): string =>
    figure ? `${ms(figure.median)} [${ms(figure.min)}–${ms(figure.p90)}] n=${figure.samples}` : 'not measured';
  for (const variant of VARIANTS) {
    const figure = figures[variant];
    lines.push(
      `${pad(VARIANT_LABELS[variant], 36)}${padLeft(cell(figure?.first), 24)}${padLeft(cell(figure?.redeploy), 24)}`,
    );
  }
  const ratioCell = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}×`);
  lines.push(
    `${pad('ratio ours / (a)', 36)}${padLeft(ratioCell(ratios.first.oursVsFetch), 24)}${padLeft(ratioCell(ratios.redeploy.oursVsFetch), 24)}`,
    `${pad('ratio ours / (b)', 36)}${padLeft(ratioCell(ratios.first.oursVsReclone), 24)}${padLeft(ratioCell(ratios.redeploy.oursVsReclone), 24)}`,
    `${pad('ratio (b) / (a)', 36)}${padLeft(ratioCell(ratios.first.recloneVsFetch), 24)}${padLeft(ratioCell(ratios.redeploy.recloneVsFetch), 24)}`,
  );
  lines.push('', renderStages(figures));
  return lines.join('\n');
}

/** Median ms per stage, so a gap between ours and a baseline can be traced to the stage that makes it. */
function renderStages(figures: Partial<Record<Variant, VariantFigures>>): string {
  const order = ['queued', 'connect', 'resolve', 'fetch', 'build', 'deploy', 'exit'];
  const names = new Set<string>();
  for (const figure of Object.values(figures))
    for (const kind of ['first', 'redeploy'] as const)
      for (const name of Object.keys(figure[kind].stages)) names.add(name);
  const rank = (stage: string): number => (order.includes(stage) ? order.indexOf(stage) : order.length);
  const stages = [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const width = 10;
  const head = `${pad('stages (median ms)', 44)}${stages.map((stage) => padLeft(stage, width)).join('')}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const variant of VARIANTS) {
    const figure = figures[variant];
    if (!figure) continue;
    for (const kind of ['first', 'redeploy'] as const) {
      const row = stages.map((stage) => padLeft(ms(figure[kind].stages[stage]), width)).join('');
      lines.push(`${pad(`${VARIANT_LABELS[variant]}, ${kind}`, 44)}${row}`);
    }
  }
  lines.push("(baselines: 'connect' = ssh start-up and login, 'exit' = after the last command until ssh exits)");
  return lines.join('\n');
}

export function renderTargets(targets: Targets): string {
  const mark = (pass: boolean | null): string => (pass === null ? 'n/a ' : pass ? 'PASS' : 'FAIL');
  const ratio = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}×`);
  const lines = [`targets at ${targets.rttMs} ms RTT${targets.evaluated ? '' : ` — not evaluated: ${targets.why}`}`];
  lines.push(
    `  ${mark(targets.redeployVsFetch.pass)}  redeploy ≤ ${REDEPLOY_LIMIT_VS_FETCH} × baseline (a): ${ratio(targets.redeployVsFetch.ratio)}`,
    `  ${mark(targets.redeployVsReclone.pass)}  redeploy faster than baseline (b): ${ratio(targets.redeployVsReclone.ratio)}`,
  );
  return lines.join('\n');
}

/** Ours' rollback (the first deploy's image again, no build) against redeploys of the same run. */
export interface RollbackFigures {
  figure: Summary | null;
  /** Median rollback / median redeploy of ours, and of baseline (a). */
  vsOursRedeploy: number | null;
  vsFetchRedeploy: number | null;
}

export function rollbackFiguresOf(
  rollbacks: readonly DeploySample[],
  figures: Partial<Record<Variant, VariantFigures>>,
): RollbackFigures {
  if (rollbacks.length === 0) return { figure: null, vsOursRedeploy: null, vsFetchRedeploy: null };
  const figure = summarize(rollbacks.map((sample) => sample.ms));
  const against = (redeploy: number | undefined): number | null =>
    redeploy === undefined || redeploy === 0 ? null : round(figure.median / redeploy, 3);
  return {
    figure,
    vsOursRedeploy: against(figures.ours?.redeploy.median),
    vsFetchRedeploy: against(figures.fetch?.redeploy.median),
  };
}

export function renderRollback(rollback: RollbackFigures): string {
  if (!rollback.figure) return 'ours rollback (deploy.rollback): not measured';
  const { median, min, p90, samples } = rollback.figure;
  const ratio = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}×`);
  return (
    `ours rollback (deploy.rollback to the first deploy, no build): ${ms(median)} ms [${ms(min)}–${ms(p90)}] n=${samples}; ` +
    `${ratio(rollback.vsOursRedeploy)} of ours' redeploy, ${ratio(rollback.vsFetchRedeploy)} of (a)'s redeploy`
  );
}
