import { describe, expect, it } from 'vitest';
import type { DeploymentDto, StageTimingDto } from '../../src/shared/dto/app';
import {
  DEPLOY_STAGES,
  deployStagesFor,
  deploymentStatusLabel,
  isFinished,
  stageProgress,
  waitingFor,
} from '../../src/renderer/src/lib/deploy-stages';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function deployment(patch: Partial<DeploymentDto> = {}): DeploymentDto {
  return {
    id: 'd1',
    appId: 'a1',
    number: 1,
    status: 'pending',
    trigger: 'manual',
    commitHash: null,
    commitMessage: null,
    commitAuthor: null,
    image: null,
    stages: [],
    error: null,
    active: false,
    createdAt: at(0),
    finishedAt: null,
    durationMs: null,
    rollbackOf: null,
    ...patch,
  };
}

const stage = (name: StageTimingDto['stage'], start: number, durationMs: number | null): StageTimingDto => ({
  stage: name,
  startedAt: at(start),
  durationMs,
});

const states = (d: DeploymentDto, now?: number) => stageProgress(d, now).map((s) => s.state);

describe('renderer deploy stages', () => {
  it('lists the five stages in order with labels', () => {
    expect(DEPLOY_STAGES).toEqual(['queued', 'resolve', 'fetch', 'build', 'deploy']);
    expect(stageProgress(deployment()).map((s) => s.label)).toEqual([
      'Queued',
      'Resolve commit',
      'Fetch source',
      'Build image',
      'Start container',
    ]);
  });

  it('a new deployment is waiting in the queue, timed from its creation', () => {
    const progress = stageProgress(deployment(), T0 + 4_000);
    expect(progress.map((s) => s.state)).toEqual(['running', 'pending', 'pending', 'pending', 'pending']);
    expect(progress[0]).toMatchObject({ startedAt: at(0), durationMs: 4_000 });
  });

  it('the running stage counts up; stages before it are done (queued has no timing of its own)', () => {
    const d = deployment({
      status: 'building',
      stages: [stage('resolve', 1, 300), stage('fetch', 1.3, 700), stage('build', 2, null)],
    });
    const progress = stageProgress(d, T0 + 5_000);
    expect(progress.map((s) => s.state)).toEqual(['done', 'done', 'done', 'running', 'pending']);
    expect(progress.map((s) => s.durationMs)).toEqual([null, 300, 700, 3_000, null]);
    // without a clock the running stage has no duration yet
    expect(stageProgress(d)[3]?.durationMs).toBeNull();
  });

  it('a successful deployment has every stage done', () => {
    const d = deployment({
      status: 'success',
      stages: [stage('resolve', 1, 300), stage('fetch', 1.3, 700), stage('build', 2, 5_000), stage('deploy', 7, 900)],
    });
    expect(states(d)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('a rollback has no resolve, fetch or build to show: it waits its turn, then starts the container', () => {
    const rollback = deployment({
      status: 'success',
      trigger: 'rollback',
      rollbackOf: 1,
      stages: [stage('queued', 0, 100), stage('deploy', 0.1, 900)],
    });
    expect(deployStagesFor('web', rollback)).toEqual(['queued', 'deploy']);
    expect(stageProgress(rollback, undefined, deployStagesFor('web', rollback)).map((s) => s.state)).toEqual([
      'done',
      'done',
    ]);
    expect(deployStagesFor('web', deployment())).toEqual(DEPLOY_STAGES);
    expect(deployStagesFor('database')).toEqual(['queued', 'resolve', 'pull', 'deploy']);
  });

  it('marks the stage where a deployment failed or was cancelled, and skips the rest', () => {
    const failed = deployment({
      status: 'failed',
      stages: [stage('resolve', 1, 300), stage('fetch', 1.3, 700), stage('build', 2, 4_000)],
    });
    expect(states(failed)).toEqual(['done', 'done', 'done', 'failed', 'skipped']);
    const cancelled = deployment({
      status: 'cancelled',
      stages: [stage('resolve', 1, 300), stage('fetch', 1.3, null)],
    });
    expect(states(cancelled)).toEqual(['done', 'done', 'cancelled', 'skipped', 'skipped']);
    const cancelledInQueue = deployment({ status: 'cancelled' });
    expect(states(cancelledInQueue)).toEqual(['cancelled', 'skipped', 'skipped', 'skipped', 'skipped']);
    const missingBranch = deployment({ status: 'failed', stages: [stage('resolve', 1, 50)] });
    expect(states(missingBranch)).toEqual(['done', 'failed', 'skipped', 'skipped', 'skipped']);
  });

  it('labels statuses and knows which are finished', () => {
    expect(deploymentStatusLabel('pending')).toBe('Queued');
    expect(deploymentStatusLabel('success')).toBe('Success');
    expect(['pending', 'building', 'deploying'].map((s) => isFinished(s as never))).toEqual([false, false, false]);
    expect(['success', 'failed', 'cancelled'].map((s) => isFinished(s as never))).toEqual([true, true, true]);
  });

  it('names the deployment a queued one waits for', () => {
    const running = deployment({ id: 'd3', number: 3, status: 'building' });
    const queued = deployment({ id: 'd4', number: 4, status: 'pending' });
    const later = deployment({ id: 'd5', number: 5, status: 'pending' });
    const old = deployment({ id: 'd2', number: 2, status: 'success' });
    const otherApp = deployment({ id: 'x9', appId: 'a2', number: 9, status: 'building' });
    const all = [later, queued, running, old, otherApp];
    expect(waitingFor(queued, all)?.number).toBe(3);
    expect(waitingFor(later, all)?.number).toBe(3);
    expect(waitingFor(running, all)).toBeNull();
    expect(waitingFor(deployment({ id: 'd6', number: 6 }), [old])).toBeNull();
    // nothing running yet: the latest earlier one still waiting
    expect(waitingFor(later, [queued, later])?.number).toBe(4);
  });
});
