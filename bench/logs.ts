/**
 * Log bench (issue 6, item 6): a container printing numbered lines as fast as it can, followed by the
 * Logs tab in real Chromium through the web shell (the real core, a real sshd, the local dockerd).
 *
 *   npm run bench -- logs [--lines 500000] [--containers 1] [--scrollback 10000] [--strict]
 *
 * With --containers N > 1 the app is a compose app with N services (containers labelled as compose
 * labels them), each printing its share of the lines; the tab follows all services combined.
 *
 * The container waits, then prints `--lines` numbers with busybox `seq` (phase 1), waits again and
 * prints as many more (phase 2). Measured: lines per second into the terminal (from the moment the
 * container is told to start printing until the terminal's count says every line was written), every number checked
 * once and in order (in a Web Worker, off the page's main thread), the longest main-thread task during
 * the floods, and the renderer's JS heap (after a GC) before, once the scrollback cap was reached
 * (end of phase 1) and at the end: flat means phase 2 added nothing. Baselines in the same run: the
 * rate Docker produced the lines at (its own timestamps) and the rate it hands the whole log out
 * over its local socket. Ends with one JSON line; --strict exits 1 if a target fails. Stops
 * everything it started (container, browser, web shell, core, sshd) on success, failure or signal.
 *
 * Server and client share this machine's two cores (a real install gives the server its own): each
 * phase says how long the page's main thread ran and how long it was ready but waited for a core.
 * MIST_BENCH_TRACE also lists the first flood's long tasks with the CPU time each one used.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { containerLogConfig } from '../src/main/core/deploy/container-logging';
import { DEFAULT_LOG_RETENTION } from '../src/shared/schemas/app';
import { createCore } from '../src/main/core/core';
import { startWebShell } from '../src/main/web/web-shell';
import { BASE_IMAGE } from '../test/fixtures/docker-host';
import { startTestSshd } from '../test/fixtures/sshd';
import { makeTempDir } from '../test/fixtures/temp-home';
import { serverInput } from '../test/support/server-input';
import { CHROMIUM_ARGS, RENDERER_DIR, ensureRendererBuild } from '../test/e2e/e2e-helpers';
import { intArg, parseArgs, rejectUnknown } from './lib/args';
import { runBench, type Cleanup } from './lib/cleanup';
import { LOGS_PROBE_SCRIPT, type ProbeReport } from './lib/logs-probe';
import { cpuBetween, cpuSnapshot, rendererMainThread, type CpuByKind, type MainThreadTimes } from './lib/process-cpu';
import { longTasksInTrace } from './lib/trace-long-tasks';

const DEADLINE_MS = 8 * 60_000;
const TARGET_RATE = 100_000;
const TARGET_LONGEST_TASK_MS = 100;
/** Heap growth from the end of phase 1 to the end of phase 2 that still counts as flat. */
const FLAT_SLACK_BYTES = 3 * 1024 * 1024;

const log = (line: string): void => void process.stderr.write(`[bench logs] ${line}\n`);
const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

interface Phase {
  lines: number;
  /** Lines per second into the terminal. */
  rate: number;
  /** Lines per second Docker produced them at (its timestamps of the phase's first and last line). */
  producedRate: number;
  ms: number;
  longestTaskMs: number;
  heapAfter: number;
  /** CPU seconds each kind of process used during the flood (the whole machine: server and client share it). */
  cpu: CpuByKind;
  /** The page's main thread during the flood: seconds it ran, and seconds it was ready but waited for a core. */
  mainThread: MainThreadTimes | null;
}

async function main(cleanup: Cleanup): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['strict']);
  rejectUnknown(args, ['lines', 'containers', 'scrollback', 'strict']);
  const containers = intArg(args, 'containers', 1, 1);
  const perSource = Math.floor(intArg(args, 'lines', 500_000, 1_000) / containers);
  const perPhase = perSource * containers;
  const scrollback = intArg(args, 'scrollback', 10_000, 1_000);
  const strict = args.flags.has('strict');
  const started = Date.now();

  ensureRendererBuild();
  const home = makeTempDir('mist-bench-logs-');
  cleanup.add('data directory', () => home.cleanup());
  const sshd = await startTestSshd();
  cleanup.add('sshd', () => sshd.stop());
  const core = await createCore({
    home: home.path,
    shell: 'web',
    keychainService: 'mist-desktop-bench',
    knownHostsPath: null,
    sshConfigPath: '/nonexistent/ssh_config',
  });
  cleanup.add('core', () => core.close());
  const server = await core.servers.add(serverInput(sshd, { name: 'bench-logs' }));
  // the server (key auth: nothing in the keychain), its project and app live in the data directory
  const project = await core.handlers['projects.create']({
    name: `bench-logs-${Date.now().toString(36)}`,
    serverId: server.id,
  });
  const compose = containers > 1;
  const app = await core.handlers['apps.create']({
    projectId: project.id,
    name: 'flood',
    type: compose ? 'compose' : 'service',
    ...(compose ? {} : { port: 8080 }),
    gitUrl: 'https://example.invalid/flood.git',
  } as never);
  const script =
    `while [ ! -e /tmp/go1 ]; do sleep 0.05; done; seq 1 ${perSource}; ` +
    `while [ ! -e /tmp/go2 ]; do sleep 0.05; done; seq ${perSource + 1} ${2 * perSource}; exec sleep 100000`;
  const sources: Dockerode.Container[] = [];
  for (let index = 1; index <= containers; index++) {
    const labels: Record<string, string> = compose
      ? { 'com.docker.compose.project': `mist-${app.id}`, 'com.docker.compose.service': `s${index}` }
      : {};
    const container = await local.createContainer({
      name: compose ? `mist-${app.id}-s${index}-1` : `app-${app.id}`,
      Image: BASE_IMAGE,
      Cmd: ['sh', '-c', script],
      HostConfig: { LogConfig: containerLogConfig(DEFAULT_LOG_RETENTION) }, // as a deploy creates it
      Labels: { 'mist.project': project.id, 'mist.app': app.id, 'mist.bench': 'logs', ...labels },
    });
    cleanup.add(`container ${index}`, () => container.remove({ force: true }));
    await container.start();
    sources.push(container);
  }
  const name = sources[0]!.id;

  const shell = await startWebShell({ core, rendererDir: RENDERER_DIR, port: 0 });
  cleanup.add('web shell', () => shell.close());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  cleanup.add('browser', () => browser.close());
  // bypassCSP: the probe's Web Worker comes from a blob: URL, which the app's CSP (rightly) refuses
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  await context.addInitScript({
    content: `localStorage.setItem('mist.logSettings', JSON.stringify({ tail: 100, timestamps: false, wrap: true, scrollback: ${scrollback} }));\n${LOGS_PROBE_SCRIPT}`,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const cdp = await context.newCDPSession(page);
  await page.goto(`${shell.url}#/apps/${app.id}/logs`);
  await page.getByTestId('log-terminal').locator('.xterm-rows').waitFor();
  await page.waitForTimeout(1000); // the subscription is open (the container has printed nothing yet)
  const heapBefore = await heap(cdp);
  // MIST_BENCH_PROFILE=dir: a CPU profile of the page's main thread over both floods (renderer.cpuprofile)
  const profileDir = process.env.MIST_BENCH_PROFILE;
  if (profileDir) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }

  // MIST_BENCH_TRACE=file: a Chromium trace of the first flood (where a long task shows), for chrome://tracing
  const traceFile = process.env.MIST_BENCH_TRACE;
  if (traceFile) {
    await browser.startTracing(page, {
      path: traceFile,
      categories: ['devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink', 'toplevel'],
    });
  }

  const phases: Phase[] = [];
  for (const phase of [1, 2]) {
    log(`phase ${phase}: ${perPhase.toLocaleString('en')} lines`);
    const taskFrom = (await page.evaluate('performance.now()')) as number;
    const cpuBefore = cpuSnapshot();
    const triggeredAt = Date.now();
    await Promise.all(sources.map((container) => exec(container, ['touch', `/tmp/go${phase}`])));
    const total = phase * perPhase;
    const done = await waitForCount(page, total, 180_000);
    const cpuAfter = cpuSnapshot();
    const cpu = cpuBetween(cpuBefore, cpuAfter);
    const mainThread = rendererMainThread(cpuBefore, cpuAfter);
    const taskTo = (await page.evaluate('performance.now()')) as number;
    const report = await probe(page);
    const produced = (await producedRate(name, phase, perSource)) * containers;
    const heapAfter = await heap(cdp);
    const tasks = report.longTasks.filter((task) => task.start >= taskFrom && task.start <= taskTo);
    const ms = done - triggeredAt;
    phases.push({
      lines: perPhase,
      rate: Math.round((perPhase / ms) * 1000),
      producedRate: produced,
      ms,
      longestTaskMs: Math.round(Math.max(0, ...tasks.map((task) => task.duration))),
      heapAfter,
      cpu,
      mainThread,
    });
    const waited = mainThread
      ? `; the page's main thread ran ${mainThread.ranS.toFixed(2)} s and waited ${mainThread.waitedS.toFixed(2)} s for a core`
      : '';
    log(
      `  ${phases.at(-1)!.rate.toLocaleString('en')} lines/s, longest task ${phases.at(-1)!.longestTaskMs} ms${waited}`,
    );
    if (traceFile && phase === 1) {
      await browser.stopTracing();
      log(`trace of the first flood: ${traceFile}`);
      // wall against CPU: a task that ran far shorter than it took waited for a core
      const long = longTasksInTrace(traceFile, 50).map(
        (task) => `${task.wallMs.toFixed(0)} ms (CPU ${task.cpuMs.toFixed(0)})`,
      );
      log(`  its main-thread tasks over 50 ms, wall (CPU): ${long.length > 0 ? long.join(', ') : 'none'}`);
    }
  }
  if (profileDir) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(profileDir, 'renderer.cpuprofile'), JSON.stringify(profile));
    log(`renderer profile: ${join(profileDir, 'renderer.cpuprofile')}`);
  }
  const report = await probe(page);
  const counter = (await page.getByTestId('log-line-count').textContent()) ?? '';
  const lastRow = await lastTerminalNumber(page);
  const raw = await rawReadRate(sources);

  const total = 2 * perPhase;
  const finals = Object.values(report.last);
  const complete =
    report.count === total &&
    report.errors.length === 0 &&
    finals.length === containers &&
    finals.every((n) => n === 2 * perSource);
  const written = counter === `${total} lines`;
  const rate = Math.round((total / phases.reduce((sum, p) => sum + p.ms, 0)) * 1000);
  const produced = Math.round(Math.min(...phases.map((p) => p.producedRate)));
  const longest = Math.max(...phases.map((p) => p.longestTaskMs));
  const growth = phases[1]!.heapAfter - phases[0]!.heapAfter;
  const targets = [
    {
      name: `≥ ${TARGET_RATE.toLocaleString('en')} lines/s into the terminal`,
      pass: rate >= TARGET_RATE,
      value: `${rate.toLocaleString('en')}/s`,
    },
    {
      name: 'every line arrived, once, in order (and written)',
      pass: complete && written && lastRow === 2 * perSource,
      value: `${report.count.toLocaleString('en')}/${total.toLocaleString('en')}, terminal "${counter}", last row ${lastRow}`,
    },
    {
      name: `no main-thread task > ${TARGET_LONGEST_TASK_MS} ms`,
      pass: longest <= TARGET_LONGEST_TASK_MS,
      value: `${longest} ms`,
    },
    {
      name: 'renderer heap flat once the scrollback cap is reached',
      pass: growth <= FLAT_SLACK_BYTES,
      value: `${mb(growth)} over phase 2`,
    },
  ];

  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  const pad = (text: string, width: number) => text.padEnd(width);
  out('');
  out(
    `Container log flood into the Logs tab (Chromium, web shell, real core + sshd + dockerd); ${containers} container(s); scrollback ${scrollback.toLocaleString('en')} lines; ${Math.round((Date.now() - started) / 1000)} s`,
  );
  out('');
  out(`${pad('', 34)}${pad('phase 1', 16)}${pad('phase 2', 16)}`);
  out(
    `${pad('lines', 34)}${pad(phases[0]!.lines.toLocaleString('en'), 16)}${pad(phases[1]!.lines.toLocaleString('en'), 16)}`,
  );
  out(
    `${pad('ours: lines/s into the terminal', 34)}${pad(phases[0]!.rate.toLocaleString('en'), 16)}${pad(phases[1]!.rate.toLocaleString('en'), 16)}`,
  );
  out(
    `${pad('docker produced them at (lines/s)', 34)}${pad(Math.round(phases[0]!.producedRate).toLocaleString('en'), 16)}${pad(Math.round(phases[1]!.producedRate).toLocaleString('en'), 16)}`,
  );
  out(
    `${pad('longest main-thread task', 34)}${pad(`${phases[0]!.longestTaskMs} ms`, 16)}${pad(`${phases[1]!.longestTaskMs} ms`, 16)}`,
  );
  out(
    `${pad('renderer JS heap after (GC)', 34)}${pad(mb(phases[0]!.heapAfter), 16)}${pad(mb(phases[1]!.heapAfter), 16)}`,
  );
  out('');
  out(
    `CPU seconds used during the floods, per ${(1_000_000).toLocaleString('en')} lines (${cpus().length} cores shared by server and client):`,
  );
  out(`  ${cpuPerMillion(phases)}`);
  out(`renderer JS heap before the flood: ${mb(heapBefore)}`);
  out(
    `baseline: docker hands the whole log (${total.toLocaleString('en')} lines) out over its local socket, no SSH, no UI, at ${raw.toLocaleString('en')} lines/s`,
  );
  out(
    `ours / docker's production rate: ${(rate / produced).toFixed(2)}×; ours / raw local read: ${(rate / raw).toFixed(2)}×`,
  );
  out('');
  for (const target of targets) out(`${target.pass ? 'PASS' : 'FAIL'}  ${target.name}: ${target.value}`);
  if (problems.length > 0) out(`!!! page errors: ${problems.join('; ')}`);
  out(
    JSON.stringify({
      bench: 'logs',
      config: {
        linesPerPhase: perPhase,
        containers,
        scrollback,
        elapsedS: Math.round((Date.now() - started) / 1000),
      },
      results: {
        rate,
        phases,
        producedRate: produced,
        rawReadRate: raw,
        ratioToProduced: Math.round((rate / produced) * 100) / 100,
        ratioToRawRead: Math.round((rate / raw) * 100) / 100,
        arrived: report.count,
        errors: report.errors,
        counter,
        lastRow,
        longestTaskMs: longest,
        heapBefore,
        heapGrowthPhase2: growth,
      },
      targets: targets.map(({ name: target, pass, value }) => ({ target, pass, value })),
      allPass: targets.every((target) => target.pass),
    }),
  );
  return strict && !targets.every((target) => target.pass) ? 1 : 0;
}

/** Each kind's CPU seconds over both floods, scaled to a million lines; the busiest first. */
function cpuPerMillion(phases: readonly Phase[]): string {
  const lines = phases.reduce((sum, phase) => sum + phase.lines, 0);
  const seconds: CpuByKind = {};
  for (const phase of phases)
    for (const [kind, used] of Object.entries(phase.cpu)) seconds[kind] = (seconds[kind] ?? 0) + used;
  const perMillion = (used: number) => ((used * 1_000_000) / lines).toFixed(1);
  const total = Object.values(seconds).reduce((sum, used) => sum + used, 0);
  const wall = phases.reduce((sum, phase) => sum + phase.ms, 0) / 1000;
  return (
    Object.entries(seconds)
      .sort(([, a], [, b]) => b - a)
      .map(([kind, used]) => `${kind} ${perMillion(used)} s`)
      .join(', ') +
    `; in all ${perMillion(total)} s (${((total / wall / cpus().length) * 100).toFixed(0)}% of the cores)`
  );
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function heap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

function probe(page: Page): Promise<ProbeReport> {
  return page.evaluate('window.__logsProbe()') as Promise<ProbeReport>;
}

/** Waits until the terminal says `total` lines were written into it; answers when (Date.now()). */
async function waitForCount(page: Page, total: number, timeoutMs: number): Promise<number> {
  try {
    await page.waitForFunction(
      `(document.querySelector('[data-testid="log-line-count"]')?.textContent ?? '').startsWith('${total} lines')`,
      undefined,
      { timeout: timeoutMs, polling: 25 },
    );
  } catch (error) {
    const counter = await page.getByTestId('log-line-count').textContent();
    const seen = await probe(page).then((report) => report.count);
    const follow = await page.getByTestId('log-terminal').getAttribute('data-follow');
    throw new Error(`${(error as Error).message} (terminal "${counter}", ${follow}, ${seen} lines reached the page)`);
  }
  return Date.now();
}

/** The number on the terminal's last non-empty row. */
async function lastTerminalNumber(page: Page): Promise<number | null> {
  const rows = await page.getByTestId('log-terminal').locator('.xterm-rows > div').allTextContents();
  const last = rows
    .map((row) => row.trim())
    .filter(Boolean)
    .at(-1);
  const number = last ? /^(?:\S+ \| )?(\d+)$/.exec(last) : null;
  return number ? Number(number[1]) : null;
}

async function exec(container: Dockerode.Container, cmd: string[]): Promise<void> {
  const run = await container.exec({ Cmd: cmd });
  const stream = await run.start({});
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.resume();
  });
}

/** Docker's own timestamps of the phase's first and last lines: how fast the container printed. */
async function producedRate(name: string, phase: number, perPhase: number): Promise<number> {
  const buffer = (await local.getContainer(name).logs({ stdout: true, timestamps: true, follow: false })) as Buffer;
  const text = demux(buffer);
  const firstNumber = (phase - 1) * perPhase + 1;
  const stampOf = (n: number): number => {
    const match = new RegExp(`^(\\S+) ${n}$`, 'm').exec(text);
    return match ? Date.parse(match[1]!) : NaN;
  };
  const ms = stampOf(phase * perPhase) - stampOf(firstNumber);
  return ms > 0 ? (perPhase / ms) * 1000 : NaN;
}

/** The baseline: every container's whole log read (in parallel) over the local Docker socket, no SSH, no UI. */
async function rawReadRate(sources: Dockerode.Container[]): Promise<number> {
  const startedAt = performance.now();
  const buffers = await Promise.all(
    sources.map((source) => source.logs({ stdout: true, stderr: true, follow: false }) as Promise<Buffer>),
  );
  const lines = buffers.reduce((sum, buffer) => sum + demux(buffer).split('\n').length - 1, 0);
  return Math.round((lines / (performance.now() - startedAt)) * 1000);
}

function demux(buffer: Buffer): string {
  const parts: Buffer[] = [];
  for (let offset = 0; offset + 8 <= buffer.length;) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

runBench(DEADLINE_MS, main);
