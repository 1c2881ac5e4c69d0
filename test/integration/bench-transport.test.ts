import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { dockerCli } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CALLS = ['ping', 'list', 'inspect', 'parallelInspect'] as const;

interface BenchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBench(args: string[], timeoutMs: number): Promise<BenchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench.mjs', 'transport', ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // SIGTERM lets the bench stop what it started (sshd, containers) before it exits.
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const expectPositive = (value: unknown, what: string): void => {
  expect(typeof value, what).toBe('number');
  expect(value as number, what).toBeGreaterThan(0);
};

describeIntegration('transport bench (smoke)', ['sshd', 'docker', 'root'], () => {
  it('runs at 0 ms RTT and ends with one JSON line of positive figures, leaving nothing behind', async () => {
    const run = await runBench(['--rtt', '0', '--iterations', '3'], 170_000);
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
