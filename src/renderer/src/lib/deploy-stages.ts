import type { AppType, DeployStage, DeploymentDto, DeploymentStatus } from '../../../shared/dto/app';

/**
 * A deployment's stages and where each one is, from the deployment as the `deployments.watch`
 * status events report it. Pure (unit-tested in renderer-deploy-stages.test.ts).
 */

export const DEPLOY_STAGES: readonly DeployStage[] = ['queued', 'resolve', 'fetch', 'build', 'deploy'];

/** A database app pulls its image instead of building; a compose app builds inside `compose up`. */
const STAGES_BY_TYPE: Record<AppType, readonly DeployStage[]> = {
  web: DEPLOY_STAGES,
  service: DEPLOY_STAGES,
  database: ['queued', 'resolve', 'pull', 'deploy'],
  compose: ['queued', 'resolve', 'fetch', 'deploy'],
};

/** A rollback runs an image already built: it waits its turn, then replaces the container. */
const ROLLBACK_STAGES: readonly DeployStage[] = ['queued', 'deploy'];

export function deployStagesFor(type: AppType, deployment?: Pick<DeploymentDto, 'rollbackOf'>): readonly DeployStage[] {
  return deployment && deployment.rollbackOf !== null ? ROLLBACK_STAGES : STAGES_BY_TYPE[type];
}

const STAGE_LABELS: Record<DeployStage, string> = {
  queued: 'Queued',
  resolve: 'Resolve commit',
  fetch: 'Fetch source',
  pull: 'Pull image',
  build: 'Build image',
  deploy: 'Start container',
};

export type StageState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled' | 'skipped';

export interface StageProgress {
  stage: DeployStage;
  label: string;
  state: StageState;
  startedAt: string | null;
  /** Finished stages: their duration; the running stage: time so far (when `nowMs` is given). */
  durationMs: number | null;
}

const FINISHED: ReadonlySet<DeploymentStatus> = new Set(['success', 'failed', 'cancelled']);

export function isFinished(status: DeploymentStatus): boolean {
  return FINISHED.has(status);
}

type StageInput = Pick<DeploymentDto, 'status' | 'stages' | 'createdAt'>;

export function stageProgress(
  deployment: StageInput,
  nowMs?: number,
  stageList: readonly DeployStage[] = DEPLOY_STAGES,
): StageProgress[] {
  const finished = isFinished(deployment.status);
  const stopped = deployment.status === 'failed' || deployment.status === 'cancelled';
  const byStage = new Map(deployment.stages.map((timing) => [timing.stage, timing]));
  const started = stageList.map((stage) => byStage.has(stage));
  const lastStarted = started.lastIndexOf(true);
  const elapsed = (startedAt: string) =>
    nowMs === undefined ? null : Math.max(0, nowMs - new Date(startedAt).getTime());

  return stageList.map((stage, index): StageProgress => {
    const label = STAGE_LABELS[stage];
    const timing = byStage.get(stage);
    if (!timing) {
      // Nothing recorded yet: waiting in the queue is the first thing that happens to a deployment.
      if (stage === 'queued' && lastStarted === -1 && deployment.status === 'pending') {
        return {
          stage,
          label,
          state: 'running',
          startedAt: deployment.createdAt,
          durationMs: elapsed(deployment.createdAt),
        };
      }
      if (stage === 'queued' && lastStarted === -1 && deployment.status === 'cancelled') {
        return { stage, label, state: 'cancelled', startedAt: null, durationMs: null };
      }
      const passed = index < lastStarted; // a later stage ran, so this one was passed through
      return {
        stage,
        label,
        state: passed ? 'done' : finished ? 'skipped' : 'pending',
        startedAt: null,
        durationMs: null,
      };
    }
    const isLast = index === lastStarted;
    let state: StageState;
    if (isLast && stopped) state = deployment.status === 'failed' ? 'failed' : 'cancelled';
    else if (timing.durationMs !== null || finished || !isLast) state = 'done';
    else state = 'running';
    const durationMs = timing.durationMs ?? (state === 'running' ? elapsed(timing.startedAt) : null);
    return { stage, label, state, startedAt: timing.startedAt, durationMs };
  });
}

const STATUS_LABELS: Record<DeploymentStatus, string> = {
  pending: 'Queued',
  building: 'Building',
  deploying: 'Deploying',
  success: 'Success',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function deploymentStatusLabel(status: DeploymentStatus): string {
  return STATUS_LABELS[status];
}

/**
 * The earlier deployment of the same app this pending one waits for: the one running, else the
 * latest earlier one that has not finished. null when it is not waiting for another.
 */
export function waitingFor(deployment: DeploymentDto, all: readonly DeploymentDto[]): DeploymentDto | null {
  if (deployment.status !== 'pending') return null;
  const ahead = all.filter(
    (other) =>
      other.id !== deployment.id &&
      other.appId === deployment.appId &&
      other.number < deployment.number &&
      !isFinished(other.status),
  );
  if (ahead.length === 0) return null;
  const running = ahead.filter((other) => other.status !== 'pending');
  const pool = running.length > 0 ? running : ahead;
  return pool.reduce((best, other) => (other.number > best.number ? other : best));
}
