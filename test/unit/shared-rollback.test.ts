import { describe, expect, it } from 'vitest';
import type { DeploymentDto } from '../../src/shared/dto/app';
import { canRollBackTo, previousDeployment } from '../../src/shared/rollback';

const deployment = (number: number, overrides: Partial<DeploymentDto> = {}): DeploymentDto => ({
  id: `d${number}`,
  appId: 'a1',
  number,
  status: 'success',
  trigger: 'manual',
  commitHash: `c${number}`.padEnd(40, '0'),
  commitMessage: `version ${number}`,
  commitAuthor: 'Ada',
  image: `mist/shop-web:c${number}`,
  stages: [],
  error: null,
  active: false,
  createdAt: '2026-11-27T10:00:00.000Z',
  finishedAt: '2026-11-27T10:00:05.000Z',
  durationMs: 5000,
  rollbackOf: null,
  ...overrides,
});

describe('canRollBackTo', () => {
  it('a successful, built, inactive deployment of a web or service app', () => {
    expect(canRollBackTo('web', deployment(1))).toBe(true);
    expect(canRollBackTo('service', deployment(1))).toBe(true);
  });

  it.each([
    ['the running one', 'web', { active: true }],
    ['a failed one', 'web', { status: 'failed' }],
    ['a cancelled one', 'web', { status: 'cancelled' }],
    ['one still building', 'web', { status: 'building' }],
    ['one without an image', 'web', { image: null }],
    ['a database app', 'database', {}],
    ['a compose app', 'compose', {}],
  ] as const)('not %s', (_case, type, overrides) => {
    expect(canRollBackTo(type, deployment(1, overrides as Partial<DeploymentDto>))).toBe(false);
  });
});

describe('previousDeployment', () => {
  it('the newest before the running one that can be rolled back to', () => {
    const history = [
      deployment(4, { active: true }),
      deployment(3, { status: 'failed' }),
      deployment(2),
      deployment(1),
    ];
    expect(previousDeployment('web', history)?.number).toBe(2);
  });

  it('skips one that runs the same image (the same commit deployed again)', () => {
    const history = [
      deployment(3, { active: true, image: 'mist/shop-web:same' }),
      deployment(2, { image: 'mist/shop-web:same' }),
      deployment(1),
    ];
    expect(previousDeployment('web', history)?.number).toBe(1);
  });

  it('after a rollback, further back than the build it went back to', () => {
    // #3 rolled back to #2: back again is #1, not #2's neighbour by number
    const once = [
      deployment(3, { active: true, image: 'mist/shop-web:c2', rollbackOf: 2 }),
      deployment(2),
      deployment(1),
    ];
    expect(previousDeployment('web', once)?.number).toBe(1);
    // #4 rolled back to #3, itself a rollback to #1: nothing older than #1
    const twice = [
      deployment(4, { active: true, image: 'mist/shop-web:c1', rollbackOf: 3 }),
      deployment(3, { image: 'mist/shop-web:c1', rollbackOf: 1 }),
      deployment(2),
      deployment(1),
    ];
    expect(previousDeployment('web', twice)).toBe(null);
  });

  it('none: a single deployment, nothing running, or a compose app', () => {
    expect(previousDeployment('web', [deployment(1, { active: true })])).toBe(null);
    expect(previousDeployment('web', [])).toBe(null);
    expect(previousDeployment('web', [deployment(2), deployment(1)])?.number).toBe(2);
    expect(previousDeployment('compose', [deployment(2, { active: true }), deployment(1)])).toBe(null);
  });
});
