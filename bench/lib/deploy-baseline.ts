import { performance } from 'node:perf_hooks';
import { quoteArg } from '../../src/main/core/ssh/shell-quote';
import { FIXTURE_APP_PORT } from '../../test/fixtures/git-repo';
import type { DeployEnv } from './deploy-env';
import { verifyServing } from './deploy-env';

/**
 * The baselines: a deploy as plain shell commands, one script over ONE new `ssh` session (the real
 * OpenSSH client, through the WAN proxy), as a careful person would type it:
 *
 *   (a) "fetch":   resolve the branch head with `git ls-remote`; clone the first time, afterwards
 *                  `git fetch origin <sha> && git checkout --force <sha>`; `docker build`;
 *                  `docker create` the new container, `docker stop` + `docker rm` the old one, `docker start` the new.
 *   (b) "reclone": the same, but `rm -rf` the checkout and clone again every time (what Mist does).
 *
 * The script prints `@@stage NAME EPOCH_MS` markers on stderr, so each figure splits into the same
 * stages the core records (resolve, fetch, build, deploy); "connect" is ssh's own start-up and login.
 */
export type BaselineKind = 'fetch' | 'reclone';

export interface DeploySample {
  ms: number;
  /** Milliseconds per stage. */
  stages: Record<string, number>;
  commit: string;
}

export interface BaselineSlot {
  kind: BaselineKind;
  /** Unique per variant and iteration: names the checkout and tags the slot's containers. */
  slot: string;
  /** BUILD_GREETING for this slot: a fresh value gives the slot its own build cache chain. */
  greeting: string;
}

const STAGE_MARK = '@@stage';
const DEPLOY_TIMEOUT_MS = 120_000;

function script(env: DeployEnv, slot: BaselineSlot): string {
  const q = quoteArg;
  const dir = `${env.checkoutRoot}/${slot.slot}`;
  const image = `mist-bench/${env.runId}-${slot.slot}`;
  const slotLabel = `mist.bench.slot=${slot.slot}`;
  const fetchOrClone =
    slot.kind === 'reclone'
      ? `rm -rf ${q(dir)}
git clone --quiet --no-checkout ${q(env.repoUrl)} ${q(dir)}
git -C ${q(dir)} checkout --quiet --force "$sha"`
      : `if [ -d ${q(dir)}/.git ]; then
  git -C ${q(dir)} fetch --quiet origin "$sha"
else
  git clone --quiet --no-checkout ${q(env.repoUrl)} ${q(dir)}
fi
git -C ${q(dir)} checkout --quiet --force "$sha"`;
  return `set -eu
mark() { echo "${STAGE_MARK} $1 $(date +%s%3N)" >&2; }
mark resolve
sha=$(git ls-remote ${q(env.repoUrl)} refs/heads/main | cut -f1)
[ -n "$sha" ] || { echo "branch main not found" >&2; exit 2; }
mark fetch
${fetchOrClone}
mark build
cd ${q(dir)}
docker build --force-rm -t ${q(image)}:"$sha" -f Dockerfile --build-arg ${q(`BUILD_GREETING=${slot.greeting}`)} --label ${q(`mist.test=${env.label}`)} . >&2
mark deploy
old=$(docker ps --all --quiet --filter ${q(`label=${slotLabel}`)})
new=$(docker create --label ${q(`mist.test=${env.label}`)} --label ${q(slotLabel)} --restart unless-stopped --publish 127.0.0.1::${FIXTURE_APP_PORT} ${q(image)}:"$sha")
if [ -n "$old" ]; then docker stop $old >/dev/null; docker rm $old >/dev/null; fi
docker start "$new" >/dev/null
mark done
echo "$sha $new"
`;
}

/** Stage durations from the markers; "connect" is from the ssh call to the first marker. */
function stagesFrom(stderr: string, startedAtEpochMs: number): Record<string, number> {
  const marks = [...stderr.matchAll(new RegExp(`^${STAGE_MARK} (\\w+) (\\d+)$`, 'gm'))].map((m) => ({
    stage: m[1] ?? '',
    at: Number(m[2]),
  }));
  const stages: Record<string, number> = {};
  const first = marks[0];
  if (first) stages.connect = Math.max(0, first.at - startedAtEpochMs);
  for (let i = 0; i + 1 < marks.length; i += 1) {
    const [mark, next] = [marks[i], marks[i + 1]];
    if (mark && next) stages[mark.stage] = next.at - mark.at;
  }
  return stages;
}

/** One baseline deploy, timed end to end (ssh start to ssh exit), then verified (untimed). */
export async function baselineDeploy(env: DeployEnv, slot: BaselineSlot): Promise<DeploySample> {
  const startedAtEpochMs = Date.now();
  const start = performance.now();
  const result = await env.ssh(script(env, slot), DEPLOY_TIMEOUT_MS);
  const ms = performance.now() - start;
  if (result.code !== 0) {
    throw new Error(
      `baseline ${slot.kind} deploy (${slot.slot}) exited ${result.code}:\n${result.stderr.slice(-3000)}`,
    );
  }
  const [commit = '', container = ''] = result.stdout.trim().split(/\s+/);
  await verifyServing(container, FIXTURE_APP_PORT, { version: env.version, greeting: slot.greeting });
  const stages = stagesFrom(result.stderr, startedAtEpochMs);
  stages.exit = Math.max(0, ms - Object.values(stages).reduce((sum, value) => sum + value, 0));
  return { ms, stages, commit };
}
