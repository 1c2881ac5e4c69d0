import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { dockerCli } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { portAccepts, runBench } from '../support/run-bench';

async function dockerIds(args: string[]): Promise<string[]> {
  const result = await dockerCli(args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
}

interface Figure {
  median: number;
  samples: number;
  stages: Record<string, number>;
}

interface Report {
  bench: string;
  rttMs: number;
  config: {
    runId: string;
    containerLabel: string;
    sshdPort: number;
    checkoutRoot: string;
    repoPath: string;
    iterationsDone: number;
  };
  ours: { measured: boolean; why: string | null; error: string | null; projectId: string | null };
  results: Record<string, { first: Figure; redeploy: Figure }>;
  ratios: Record<'first' | 'redeploy', Record<string, number | null>>;
  rollback: {
    figure: { median: number; samples: number } | null;
    vsOursRedeploy: number | null;
    vsFetchRedeploy: number | null;
  };
  targets: { rttMs: number; evaluated: boolean; allPass: boolean | null };
}

/** Runs the bench, checks its report's shape and that it left nothing behind; returns the report. */
async function runAndCheck(args: string[], variants: string[]): Promise<Report> {
  const run = await runBench('deploy', args, 170_000);
  const diagnostics = `exit ${run.code}\n--- stderr ---\n${run.stderr.slice(-5000)}\n--- stdout ---\n${run.stdout.slice(-4000)}`;
  expect(run.code, diagnostics).toBe(0);

  const lines = run.stdout.trimEnd().split('\n');
  const last = lines.at(-1) ?? '';
  expect(last.startsWith('{'), diagnostics).toBe(true);
  // Exactly one JSON line, and it is the last one: the table and the targets come before it.
  expect(lines.filter((line) => line.startsWith('{')).length).toBe(1);
  expect(run.stdout).toContain('redeploy ≤ 1.3 × baseline (a)');
  const report = JSON.parse(last) as Report;
  expect(report.bench).toBe('deploy');
  expect(report.config.iterationsDone).toBe(1);
  expect(Object.keys(report.results).sort()).toEqual([...variants].sort());
  for (const variant of variants) {
    for (const kind of ['first', 'redeploy'] as const) {
      const figure = report.results[variant]?.[kind];
      expect(figure?.samples, `${variant}.${kind}.samples`).toBe(1);
      expect(figure?.median, `${variant}.${kind}.median`).toBeGreaterThan(0);
      expect(figure?.stages.build, `${variant}.${kind}.stages.build`).toBeGreaterThan(0);
    }
  }

  // Everything the run started is gone: containers, images, checkouts, repository, sshd.
  const { containerLabel, runId, sshdPort, checkoutRoot, repoPath } = report.config;
  expect(await dockerIds(['ps', '--all', '--quiet', '--filter', `label=mist.test=${containerLabel}`])).toEqual([]);
  expect(await dockerIds(['image', 'ls', '--quiet', '--filter', `label=mist.test=${containerLabel}`])).toEqual([]);
  expect(await dockerIds(['image', 'ls', '--quiet', '--filter', `reference=mist-bench/${runId}-*`])).toEqual([]);
  if (report.ours.projectId !== null) {
    const project = `label=mist.project=${report.ours.projectId}`;
    expect(await dockerIds(['ps', '--all', '--quiet', '--filter', project])).toEqual([]);
    expect(await dockerIds(['image', 'ls', '--quiet', '--filter', project])).toEqual([]);
    expect(existsSync(`/var/lib/mist/projects/${report.ours.projectId}`)).toBe(false);
  }
  expect(existsSync(checkoutRoot)).toBe(false);
  expect(existsSync(repoPath)).toBe(false);
  expect(await portAccepts(sshdPort)).toBe(false);
  return report;
}

describeIntegration('deploy bench (smoke)', ['sshd', 'docker', 'root'], () => {
  it('measures ours and both baselines at 50 ms RTT, ends with one JSON line, and leaves nothing behind', async () => {
    const report = await runAndCheck(['--iterations', '1', '--history-kb', '256'], ['ours', 'fetch', 'reclone']);
    expect(report.ours).toMatchObject({ measured: true, why: null, error: null });
    expect(report.rttMs).toBe(50);
    for (const kind of ['first', 'redeploy'] as const) {
      expect(report.ratios[kind]?.oursVsFetch).toBeGreaterThan(0);
      expect(report.ratios[kind]?.oursVsReclone).toBeGreaterThan(0);
    }
    // One iteration is a smoke test, not a measurement: the targets are evaluated, not required to pass.
    expect(report.targets).toMatchObject({ rttMs: 50, evaluated: true });
    expect(typeof report.targets.allPass).toBe('boolean');
    // The core records its stages: the redeploy's fetch stage is there (no re-clone is timed as fetch).
    expect(Object.keys(report.results.ours?.redeploy.stages ?? {})).toEqual(
      expect.arrayContaining(['resolve', 'fetch', 'build', 'deploy']),
    );
    // ours rolls back to the first deploy's image (verified serving that version) and says how it compares
    expect(report.rollback.figure).toMatchObject({ samples: 1 });
    expect(report.rollback.figure!.median).toBeGreaterThan(0);
    expect(report.rollback.vsOursRedeploy).toBeGreaterThan(0);
    expect(report.rollback.vsFetchRedeploy).toBeGreaterThan(0);
  }, 180_000);

  it('runs the baselines alone (--only a,b) at 0 ms RTT and does not evaluate the targets', async () => {
    const report = await runAndCheck(
      ['--only', 'a,b', '--rtt', '0', '--iterations', '1', '--history-kb', '0'],
      ['fetch', 'reclone'],
    );
    expect(report.rttMs).toBe(0);
    expect(report.ours.measured).toBe(false);
    expect(report.targets).toMatchObject({ rttMs: 50, evaluated: false, allPass: null });
    expect(report.ratios.redeploy?.recloneVsFetch).toBeGreaterThan(0);
    expect(report.rollback).toEqual({ figure: null, vsOursRedeploy: null, vsFetchRedeploy: null });
  }, 180_000);
});
