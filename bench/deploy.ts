/**
 * Deploy bench (issue 3, item 11): deploying the fixture app (test/fixtures/fixture-app) from a git
 * host, through a real sshd behind a WAN-simulating proxy, to the real local dockerd.
 * For each variant, a first deploy (clone, build, start) and a redeploy after a one-line change;
 * ours then also rolls back to the first deploy's image (no build), reported against the redeploys:
 *
 *   ours     the core's pipeline through its API (deploy.start, then deployments.get until settled)
 *   (a)      the same steps as plain shell commands over ONE `ssh` session: fetch + checkout, build, replace
 *   (b)      the same, re-cloning every time
 *
 *   npm run bench -- deploy [--rtt 50] [--iterations 5] [--only ours,a,b] [--history-kb 2048]
 *                           [--git-host wan|local] [--git-mbit 100] [--budget 150] [--strict]
 *
 * Where the server clones from matters for (b). A real deploy clones from a git host across the
 * network (GitHub): a re-clone pays for the repository's whole history over that link every time, a
 * fetch only for the new commit. So by default (--git-host wan) the repository is served by `git
 * daemon` behind a second WAN proxy with the same RTT and a bandwidth cap of --git-mbit Mbit/s, and
 * the server clones git://… through it. --git-host local clones the bare repository by its path on the
 * server instead, as the bench first did: git hardlinks the objects, a re-clone costs next to nothing,
 * and the comparison with (b) says little about the real case.
 *
 * Variants are interleaved (the order rotates each iteration) so drift on the machine hits them alike;
 * each variant-iteration builds with its own BUILD_GREETING, so no first deploy reuses another's build
 * cache. --history-kb puts that much data in the repository's history (added, then deleted) so a clone
 * costs something, as a real repository's does; it is not in the checkout or the build context.
 * --budget: seconds; past it no new iteration starts (at least one always runs).
 *
 * Prints a table, the targets (redeploy ≤ 1.3 × (a), ours faster than (b), at 50 ms RTT), then exactly
 * one JSON line. Exits 1 if a deploy fails, and with --strict also if a target fails. Stops everything
 * it started (sshd, proxy, containers, images, checkouts, the repository, the core) on success,
 * failure, SIGINT/SIGTERM, or after 5 minutes.
 */
import { intArg, parseArgs, rejectUnknown } from './lib/args';
import { runBench, type Cleanup } from './lib/cleanup';
import { baselineDeploy, type BaselineKind, type DeploySample } from './lib/deploy-baseline';
import { startDeployEnv, type DeployEnv, type GitHost } from './lib/deploy-env';
import { measureOurs, prepareOurs, type Ours } from './lib/deploy-ours';
import {
  emptySamples,
  evaluateTargets,
  figuresOf,
  ratiosOf,
  renderTable,
  renderRollback,
  renderTargets,
  rollbackFiguresOf,
  VARIANTS,
  type Samples,
  type Variant,
} from './lib/deploy-report';

const TARGET_RTT_MS = 50;
const DEADLINE_MS = 5 * 60_000;
const OPTIONS = ['rtt', 'iterations', 'only', 'history-kb', 'git-host', 'git-mbit', 'budget', 'strict'];
const GIT_HOSTS: readonly GitHost[] = ['wan', 'local'];
const ALIASES: Record<string, Variant> = { ours: 'ours', a: 'fetch', fetch: 'fetch', b: 'reclone', reclone: 'reclone' };

interface Config {
  rttMs: number;
  iterations: number;
  variants: Variant[];
  historyKb: number;
  gitHost: GitHost;
  gitMbit: number;
  budgetS: number;
  strict: boolean;
}

function readConfig(argv: readonly string[]): Config {
  const args = parseArgs(argv, ['strict']);
  rejectUnknown(args, OPTIONS);
  const only = args.values.get('only');
  const variants = only === undefined ? [...VARIANTS] : only.split(',').map((name) => ALIASES[name.trim()]);
  if (variants.length === 0 || variants.some((variant) => variant === undefined)) {
    throw new Error(`--only takes a comma-separated list of ours, a (fetch), b (reclone); got ${JSON.stringify(only)}`);
  }
  const gitHost = args.values.get('git-host') ?? 'wan';
  if (!GIT_HOSTS.includes(gitHost as GitHost)) {
    throw new Error(`--git-host takes ${GIT_HOSTS.join(' or ')}; got ${JSON.stringify(gitHost)}`);
  }
  return {
    rttMs: intArg(args, 'rtt', TARGET_RTT_MS, 0),
    iterations: intArg(args, 'iterations', 5, 1),
    variants: [...new Set(variants as Variant[])],
    historyKb: intArg(args, 'history-kb', 2048, 0),
    gitHost: gitHost as GitHost,
    gitMbit: intArg(args, 'git-mbit', 100, 1),
    budgetS: intArg(args, 'budget', 150, 1),
    strict: args.flags.has('strict'),
  };
}

const log = (line: string): void => void process.stderr.write(`[bench deploy] ${line}\n`);

/** A first deploy and a redeploy after the one-line change, for one baseline in a fresh slot. */
async function measureBaseline(
  env: DeployEnv,
  kind: BaselineKind,
  iteration: number,
): Promise<{ first: DeploySample; redeploy: DeploySample }> {
  const slot = { kind, slot: `${kind}-${iteration}`, greeting: `${kind}-${env.runId}-${iteration}` };
  const first = await baselineDeploy(env, slot);
  await env.bumpVersion();
  const redeploy = await baselineDeploy(env, slot);
  return { first, redeploy };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  return items.map((_, i) => items[(i + by) % items.length] as T);
}

async function main(cleanup: Cleanup): Promise<number> {
  const config = readConfig(process.argv.slice(2));
  const started = Date.now();
  const env = await startDeployEnv(cleanup, {
    rttMs: config.rttMs,
    historyKb: config.historyKb,
    gitHost: config.gitHost,
    gitMbit: config.gitMbit,
    log,
  });
  log(`server builds with the ${env.builder} builder; the baselines use \`docker build\` as is`);

  let ours: Ours | null = null;
  let oursWhy: string | null = config.variants.includes('ours') ? null : 'ours was not selected (--only)';
  let oursError: string | null = null;
  let projectId: string | null = null;
  if (config.variants.includes('ours')) {
    const setup = await prepareOurs(env, cleanup, log);
    if (setup.available) {
      ours = setup.ours;
      projectId = setup.ours.projectId;
    } else {
      oursWhy = `ours was not measured: ${setup.reason}`;
      log(`!!! ${oursWhy}`);
    }
  }

  const samples: Samples = emptySamples();
  const rollbacks: DeploySample[] = [];
  let iterationsDone = 0;
  for (let i = 0; i < config.iterations; i += 1) {
    if (i > 0 && Date.now() - started > config.budgetS * 1000) {
      log(`budget of ${config.budgetS} s spent: stopping after ${i} iteration(s)`);
      break;
    }
    for (const variant of rotate(config.variants, i)) {
      if (variant === 'ours' && ours === null) continue;
      log(`iteration ${i + 1}/${config.iterations}: ${variant}`);
      try {
        const result: { first: DeploySample; redeploy: DeploySample; rollback?: DeploySample } =
          variant === 'ours' && ours !== null
            ? await measureOurs(env, ours, i)
            : await measureBaseline(env, variant as BaselineKind, i);
        samples[variant].first.push(result.first);
        samples[variant].redeploy.push(result.redeploy);
        const rollback = result.rollback ?? null;
        if (rollback) rollbacks.push(rollback);
        log(
          `  first ${Math.round(result.first.ms)} ms, redeploy ${Math.round(result.redeploy.ms)} ms` +
            (rollback ? `, rollback ${Math.round(rollback.ms)} ms` : ''),
        );
      } catch (error) {
        if (variant !== 'ours') throw error;
        // Ours failing is a finding, not a reason to lose the baselines: report it and carry on without ours.
        oursError = (error as Error).message;
        oursWhy = `ours failed: ${oursError.split('\n')[0]}`;
        log(`!!! ours failed in iteration ${i + 1}:\n${oursError}`);
        ours = null;
      }
    }
    iterationsDone = i + 1;
  }

  const figures = figuresOf(samples);
  const ratios = ratiosOf(figures);
  const targets = evaluateTargets(ratios, config.rttMs, TARGET_RTT_MS, oursWhy);
  const rollback = rollbackFiguresOf(rollbacks, figures);
  const elapsedS = Math.round((Date.now() - started) / 100) / 10;

  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  out('');
  out('Deploy of the fixture app (clone from the git host, docker build on the server, replace the container)');
  out(
    `real sshd + local dockerd behind a WAN-simulating proxy at ${config.rttMs} ms RTT; ${env.builder} builder; ` +
      `repository history +${config.historyKb} KiB; ${iterationsDone} iteration(s); ${elapsedS} s`,
  );
  out(`git host: ${env.gitHostDescription}`);
  if (oursWhy !== null && config.variants.includes('ours')) out(`!!! ${oursWhy}`);
  out('');
  out(renderTable(figures, ratios));
  out(renderRollback(rollback));
  out('');
  out(renderTargets(targets));
  out(
    JSON.stringify({
      bench: 'deploy',
      rttMs: config.rttMs,
      config: {
        ...config,
        iterationsDone,
        builder: env.builder,
        runId: env.runId,
        containerLabel: env.label,
        sshdPort: env.sshd.port,
        checkoutRoot: env.checkoutRoot,
        repoPath: env.repo.path,
        repoUrl: env.repoUrl,
        elapsedS,
      },
      ours: { measured: figures.ours !== undefined, why: oursWhy, error: oursError, projectId },
      results: figures,
      ratios,
      rollback,
      targets,
    }),
  );
  if (oursError !== null) return 1;
  return config.strict && targets.allPass !== true ? 1 : 0;
}

runBench(DEADLINE_MS, main);
