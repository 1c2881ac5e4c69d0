/**
 * Transport bench (issue 2, item 13): the Docker API over our one persistent SSH connection against
 * dockerode's built-in `protocol: 'ssh'`, both through a real sshd to the real local dockerd, at each
 * simulated round-trip time. Prints a table, the acceptance targets, and ends with one JSON line.
 *
 *   npm run bench -- transport [--rtt 0,50] [--iterations 30] [--baseline-iterations N] [--rounds 5]
 *                              [--parallel 20] [--containers 5] [--budget 8] [--strict]
 *
 * Exits 0 even when a target fails, unless --strict is given (then 1). Stops everything it started
 * (sshd, proxies, containers, the core) on success, failure, SIGINT/SIGTERM, or after 6 minutes.
 * See bench/transport-diagnosis.ts for why the core's figures are what they are.
 *
 * --budget: seconds per figure; past it a figure stops sampling once it has a few samples (5 calls,
 * 2 rounds), so a pathologically slow client still lets the bench finish in a few minutes.
 */
import { intArg, numberListArg, parseArgs, rejectUnknown } from './lib/args';
import { runBench, type Cleanup } from './lib/cleanup';
import { startNetworkFloor } from './lib/network-floor';
import { measureClient } from './lib/transport-calls';
import { startTransportEnv } from './lib/transport-env';
import { evaluateTargets, ratiosOf, renderTable, renderTargets, type RttResult } from './lib/transport-report';

const TARGET_RTT_MS = 50;
const DEADLINE_MS = 6 * 60_000;
const OPTIONS = ['rtt', 'iterations', 'baseline-iterations', 'rounds', 'parallel', 'containers', 'budget', 'strict'];

interface Config {
  rtts: number[];
  iterations: number;
  baselineIterations: number;
  rounds: number;
  parallel: number;
  containers: number;
  /** Wall-time budget per figure, in seconds. */
  budgetS: number;
  strict: boolean;
}

function readConfig(argv: readonly string[]): Config {
  const args = parseArgs(argv, ['strict']);
  rejectUnknown(args, OPTIONS);
  const iterations = intArg(args, 'iterations', 30, 1);
  return {
    rtts: numberListArg(args, 'rtt', [0, TARGET_RTT_MS]),
    iterations,
    // The baseline pays a full SSH handshake per call (~0.5 s at 50 ms RTT): fewer samples keep the
    // run short, and its median is steady because every call does the same work.
    baselineIterations: intArg(args, 'baseline-iterations', Math.min(iterations, 10), 1),
    rounds: intArg(args, 'rounds', Math.min(iterations, 5), 1),
    parallel: intArg(args, 'parallel', 20, 1),
    containers: intArg(args, 'containers', 5, 1),
    budgetS: intArg(args, 'budget', 8, 1),
    strict: args.flags.has('strict'),
  };
}

const log = (line: string): void => void process.stderr.write(`[bench transport] ${line}\n`);

async function main(cleanup: Cleanup): Promise<number> {
  const config = readConfig(process.argv.slice(2));
  const started = Date.now();
  const env = await startTransportEnv(cleanup, { containers: config.containers, log });
  const floor = await startNetworkFloor(cleanup);
  const results: Record<string, RttResult> = {};
  for (const rtt of config.rtts) {
    env.proxy.setRtt(rtt);
    floor.setRtt(rtt);
    log(`RTT ${rtt} ms`);
    const floorFigure = await floor.measure({
      count: config.iterations,
      minSamples: 1,
      budgetMs: config.budgetS * 1000,
    });
    const common = { rounds: config.rounds, parallel: config.parallel, budgetMs: config.budgetS * 1000, log };
    const ours = await measureClient('ours', env.ours, env.containerIds, {
      ...common,
      iterations: config.iterations,
      warmup: true,
    });
    // No warm-up for the baseline: it keeps nothing between calls, so there is nothing to warm.
    const baseline = await measureClient('baseline', env.baseline, env.containerIds, {
      ...common,
      iterations: config.baselineIterations,
      warmup: false,
    });
    results[String(rtt)] = { floor: floorFigure, ours, baseline, ratios: ratiosOf(ours, baseline) };
  }
  const targets = evaluateTargets(results, TARGET_RTT_MS, config.parallel);
  const elapsedS = Math.round((Date.now() - started) / 100) / 10;

  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  out('');
  out(`Docker API over SSH: ours (core pool, one persistent ssh2 connection, stream-local channels)`);
  out(`vs baseline (dockerode protocol 'ssh': new SSH connection + docker system dial-stdio per request)`);
  out(
    `real sshd + local dockerd behind a WAN-simulating proxy; ${config.iterations} calls each for ours, ` +
      `${config.baselineIterations} for the baseline, ${config.rounds} rounds of ${config.parallel} parallel inspects; ${elapsedS} s`,
  );
  out('');
  out(renderTable(results, config.parallel));
  out('');
  out(renderTargets(targets));
  out(
    JSON.stringify({
      bench: 'transport',
      rtts: config.rtts,
      config: {
        ...config,
        route: env.core.pool.dockerRoute(env.serverId),
        containerLabel: env.containerLabel,
        sshdPort: env.sshd.port,
        elapsedS,
      },
      results,
      targets,
    }),
  );
  return config.strict && targets.allPass === false ? 1 : 0;
}

runBench(DEADLINE_MS, main);
