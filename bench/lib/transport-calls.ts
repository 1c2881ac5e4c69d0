import type Dockerode from 'dockerode';
import { summarize, timeParallel, timeSerial } from './measure';
import type { ClientFigures } from './transport-report';

/** The Docker calls under test; each checks its answer so that an error never passes for a fast call. */
export function callsOn(docker: Dockerode, ids: readonly string[]) {
  const idAt = (i: number): string => ids[i % ids.length] ?? '';
  return {
    ping: async (): Promise<void> => {
      const answer = String(await docker.ping());
      if (answer !== 'OK') throw new Error(`ping answered ${JSON.stringify(answer)}`);
    },
    list: async (): Promise<void> => {
      const listed = new Set((await docker.listContainers({ all: true })).map((c) => c.Id));
      if (!ids.every((id) => listed.has(id))) throw new Error('listContainers is missing the bench containers');
    },
    inspect: async (i: number): Promise<void> => {
      const info = await docker.getContainer(idAt(i)).inspect();
      if (info.Id !== idAt(i)) throw new Error(`inspect returned ${info.Id}, expected ${idAt(i)}`);
    },
  };
}

export interface MeasureOptions {
  iterations: number;
  rounds: number;
  parallel: number;
  /** Wall-time budget per figure (ms); past it, sampling stops once a few samples are in. */
  budgetMs: number;
  warmup: boolean;
  log: (line: string) => void;
}

/** Median (min, p90) of ping, list and inspect, and the wall time of `parallel` concurrent inspects. */
export async function measureClient(
  name: string,
  docker: Dockerode,
  ids: readonly string[],
  opts: MeasureOptions,
): Promise<ClientFigures> {
  const calls = callsOn(docker, ids);
  if (opts.warmup) {
    // Opens the connection and the keep-alive channels, and lets V8 compile the hot paths.
    for (let i = 0; i < 3; i += 1) await Promise.all([calls.ping(), calls.list(), calls.inspect(i)]);
    await timeParallel({ count: 1, minSamples: 1, budgetMs: 0 }, opts.parallel, calls.inspect);
  }
  opts.log(
    `  ${name}: ${opts.iterations} × ping, list, inspect; ${opts.rounds} rounds of ${opts.parallel} parallel inspects`,
  );
  const serial = { count: opts.iterations, minSamples: Math.min(opts.iterations, 5), budgetMs: opts.budgetMs };
  const rounds = { count: opts.rounds, minSamples: Math.min(opts.rounds, 2), budgetMs: opts.budgetMs };
  const ping = summarize(await timeSerial(serial, calls.ping));
  const list = summarize(await timeSerial(serial, calls.list));
  const inspect = summarize(await timeSerial(serial, calls.inspect));
  const parallelInspect = summarize(await timeParallel(rounds, opts.parallel, calls.inspect));
  const short = Object.entries({ ping, list, inspect, parallelInspect }).filter(
    ([, s]) => s.samples < (s === parallelInspect ? rounds.count : serial.count),
  );
  if (short.length > 0)
    opts.log(
      `  ${name}: time budget hit, fewer samples for ${short.map(([k, s]) => `${k} (${s.samples})`).join(', ')}`,
    );
  return { ping, list, inspect, parallelInspect };
}
