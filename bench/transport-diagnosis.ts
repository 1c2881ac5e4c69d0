/**
 * Why the transport is slow, measured: the core's Docker client as it is, then with each prototype
 * fix added on top (cumulative), on the same SSH connection, at each simulated RTT; plus the
 * baseline, so that the acceptance targets can be evaluated for the fully fixed variant.
 *
 *   npm run bench -- transport-diagnosis [--rtt 0,50] [--iterations 20] [--baseline-iterations 10]
 *                                        [--rounds 5] [--parallel 20] [--containers 5] [--budget 6]
 *
 * Fixes (see bench/lib/prototype-agent.ts): inspect = custom util.inspect on the agent;
 * nodelay = TCP_NODELAY on the ssh2 client's socket; free = maxFreeSockets ≥ the parallel width.
 */
import Dockerode from 'dockerode';
import { intArg, numberListArg, parseArgs, rejectUnknown } from './lib/args';
import { runBench, type Cleanup } from './lib/cleanup';
import { round } from './lib/measure';
import { startNetworkFloor } from './lib/network-floor';
import { PrototypeDockerAgent, type PrototypeFixes } from './lib/prototype-agent';
import { measureClient } from './lib/transport-calls';
import { startTransportEnv } from './lib/transport-env';
import { evaluateTargets, ratiosOf, renderTargets, type ClientFigures, type RttResult } from './lib/transport-report';

const TARGET_RTT_MS = 50;
const log = (line: string): void => void process.stderr.write(`[bench transport-diagnosis] ${line}\n`);

interface Variant {
  name: string;
  noDelay: boolean;
  fixes: PrototypeFixes | null; // null: the core's own client
}

async function main(cleanup: Cleanup): Promise<number> {
  const args = parseArgs(process.argv.slice(2), []);
  rejectUnknown(args, ['rtt', 'iterations', 'baseline-iterations', 'rounds', 'parallel', 'containers', 'budget']);
  const rtts = numberListArg(args, 'rtt', [0, TARGET_RTT_MS]);
  const iterations = intArg(args, 'iterations', 20, 1);
  const baselineIterations = intArg(args, 'baseline-iterations', Math.min(iterations, 10), 1);
  const rounds = intArg(args, 'rounds', 5, 1);
  const parallel = intArg(args, 'parallel', 20, 1);
  const budgetMs = intArg(args, 'budget', 6, 1) * 1000;
  const env = await startTransportEnv(cleanup, { containers: intArg(args, 'containers', 5, 1), log });
  const floor = await startNetworkFloor(cleanup);
  const connection = env.core.pool.connection(env.serverId);
  const record = env.core.servers.get(env.serverId);
  const target = () => ({ serverName: record.name, user: record.user, socketPath: record.dockerSocketPath });

  const variants: Variant[] = [
    { name: 'as is', noDelay: false, fixes: null },
    { name: '+inspect', noDelay: false, fixes: { inspectGuard: true } },
    { name: '+inspect +nodelay', noDelay: true, fixes: { inspectGuard: true } },
    {
      name: '+inspect +nodelay +free',
      noDelay: true,
      fixes: { inspectGuard: true, maxFreeSockets: Math.max(32, parallel) },
    },
  ];
  const common = { rounds, parallel, budgetMs, log };
  const byRtt: Record<string, { floor: number; variants: Record<string, ClientFigures>; baseline: ClientFigures }> = {};
  const fullyFixed: Record<string, RttResult> = {};
  for (const rtt of rtts) {
    env.proxy.setRtt(rtt);
    floor.setRtt(rtt);
    log(`RTT ${rtt} ms`);
    const floorFigure = await floor.measure({ count: iterations, minSamples: 1, budgetMs });
    const figures: Record<string, ClientFigures> = {};
    for (const variant of variants) {
      const client = await connection.acquire();
      client.setNoDelay(variant.noDelay);
      const agent = variant.fixes ? new PrototypeDockerAgent(connection, target, variant.fixes) : null;
      const docker = agent
        ? new Dockerode({ protocol: 'http', host: 'docker.invalid', port: 80, agent } as Dockerode.DockerOptions)
        : env.ours;
      try {
        figures[variant.name] = await measureClient(variant.name, docker, env.containerIds, {
          ...common,
          iterations,
          warmup: true,
        });
      } finally {
        agent?.destroy(); // closes its idle channels; the next variant starts with its own
      }
    }
    const baseline = await measureClient('baseline', env.baseline, env.containerIds, {
      ...common,
      iterations: baselineIterations,
      warmup: false,
    });
    byRtt[String(rtt)] = { floor: floorFigure.median, variants: figures, baseline };
    const best = figures[variants.at(-1)?.name ?? ''];
    if (best) fullyFixed[String(rtt)] = { floor: floorFigure, ours: best, baseline, ratios: ratiosOf(best, baseline) };
  }

  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  const cell = (n: number): string => `${round(n, 1)} ms`.padStart(11);
  const row = (rtt: string, name: string, f: ClientFigures): string =>
    `${`${rtt} ms`.padEnd(6)} ${name.padEnd(26)} ${cell(f.ping.median)} ${cell(f.list.median)} ${cell(f.inspect.median)} ${cell(f.parallelInspect.median)}`;
  out('');
  out('medians; variants are cumulative prototype fixes on the core client (same SSH connection)');
  out(
    `${'RTT'.padEnd(6)} ${'variant'.padEnd(26)} ${'ping'.padStart(11)} ${'list'.padStart(11)} ${'inspect'.padStart(11)} ${`${parallel}× inspect`.padStart(11)}`,
  );
  for (const [rtt, result] of Object.entries(byRtt)) {
    out(`${`${rtt} ms`.padEnd(6)} ${'network floor (1 TCP RTT)'.padEnd(26)} ${cell(result.floor)}`);
    for (const [name, f] of Object.entries(result.variants)) out(row(rtt, name, f));
    out(row(rtt, 'baseline (dockerode ssh)', result.baseline));
  }
  out('');
  out(`with all prototype fixes, ${renderTargets(evaluateTargets(fullyFixed, TARGET_RTT_MS, parallel))}`);
  out(JSON.stringify({ bench: 'transport-diagnosis', rtts, results: byRtt }));
  return 0;
}

runBench(5 * 60_000, main);
