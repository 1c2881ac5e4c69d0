import { expect, it } from 'vitest';
import { dockerCli } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { portAccepts, runBench } from '../support/run-bench';

const CALLS = ['ping', 'list', 'inspect', 'parallelInspect'] as const;

const expectPositive = (value: unknown, what: string): void => {
  expect(typeof value, what).toBe('number');
  expect(value as number, what).toBeGreaterThan(0);
};

describeIntegration('transport bench (smoke)', ['sshd', 'docker', 'root'], () => {
  it('runs at 0 ms RTT and ends with one JSON line of positive figures, leaving nothing behind', async () => {
    const run = await runBench('transport', ['--rtt', '0', '--iterations', '3'], 170_000);
    const diagnostics = `exit ${run.code}\n--- stderr ---\n${run.stderr.slice(-4000)}\n--- stdout ---\n${run.stdout.slice(-4000)}`;
    expect(run.code, diagnostics).toBe(0);

    const lines = run.stdout.trimEnd().split('\n');
    const last = lines.at(-1) ?? '';
    expect(last.startsWith('{'), diagnostics).toBe(true);
    const report = JSON.parse(last) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['bench', 'rtts', 'results', 'targets']));
    expect(report.bench).toBe('transport');
    expect(report.rtts).toEqual([0]);
    // Exactly one JSON line, and it is the last one: the table comes before it.
    expect(lines.filter((line) => line.startsWith('{')).length).toBe(1);
    expect(run.stdout).toContain('ping()');

    const results = report.results as Record<string, Record<string, Record<string, Record<string, number>>>>;
    expect(Object.keys(results)).toEqual(['0']);
    const at0 = results['0'];
    expect(at0).toBeDefined();
    expectPositive(at0?.floor?.median, 'floor.median');
    for (const client of ['ours', 'baseline'] as const) {
      for (const call of CALLS) {
        const figure = at0?.[client]?.[call];
        expectPositive(figure?.median, `${client}.${call}.median`);
        expectPositive(figure?.samples, `${client}.${call}.samples`);
      }
    }
    for (const call of CALLS) expectPositive(at0?.ratios?.[call], `ratios.${call}`);

    // The acceptance targets are defined at 50 ms RTT, which this run did not measure.
    const targets = report.targets as { rttMs: number; evaluated: boolean; allPass: boolean | null };
    expect(targets).toMatchObject({ rttMs: 50, evaluated: false, allPass: null });

    // Everything the bench started is gone: its containers and its sshd.
    const config = report.config as { containerLabel: string; sshdPort: number };
    const left = await dockerCli(['ps', '--all', '--quiet', '--filter', `label=mist.test=${config.containerLabel}`]);
    expect(left.code).toBe(0);
    expect(left.stdout.trim()).toBe('');
    expect(await portAccepts(config.sshdPort)).toBe(false);
  }, 180_000);
});
