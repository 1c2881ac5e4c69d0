import { describe, expect, it } from 'vitest';
import type { DeploymentDto } from '../../src/shared/dto/app';
import {
  AutoDeployWatcher,
  type AutoDeployDeps,
  type WatchedApp,
} from '../../src/main/core/autodeploy/auto-deploy-watcher';

/** The watcher's decisions with fakes for git, the store and the deploy service (the timers are not used). */
function setup(options: { head?: () => Promise<string>; busy?: boolean; latest?: string | null } = {}) {
  const app: WatchedApp = {
    id: 'a1',
    name: 'web',
    projectName: 'shop',
    type: 'web',
    branch: 'main',
    gitCloneUrl: '/srv/repo.git',
    autoDeploy: { enabled: true, intervalS: 60 },
  };
  let lastSeen: string | null = null;
  const deployed: string[] = [];
  let head = 'c1';
  const deps: AutoDeployDeps = {
    apps: { records: () => [app], find: (id) => (id === app.id ? app : null) },
    lastSeen: { get: () => lastSeen, set: (_id, sha) => void (lastSeen = sha) },
    deployments: {
      latest: () => (options.latest === undefined ? null : { commitHash: options.latest, status: 'success' }),
      busy: () => options.busy === true,
    },
    head: options.head ?? (async () => head),
    deploy: (appId) => {
      deployed.push(head);
      return { id: `d${deployed.length}`, appId } as DeploymentDto;
    },
  };
  const watcher = new AutoDeployWatcher(deps);
  return { app, watcher, deployed, setHead: (sha: string) => void (head = sha), lastSeen: () => lastSeen };
}

describe('AutoDeployWatcher.check', () => {
  it('deploys a head it has not acted on, once', async () => {
    const { watcher, deployed, lastSeen } = setup();
    expect(await watcher.check('a1')).toMatchObject({ kind: 'deployed', sha: 'c1' });
    expect(await watcher.check('a1')).toEqual({ kind: 'unchanged', sha: 'c1' });
    expect(deployed).toEqual(['c1']);
    expect(lastSeen()).toBe('c1');
  });

  it('leaves a head that is already the latest deployment alone', async () => {
    const { watcher, deployed } = setup({ latest: 'c1' });
    expect(await watcher.check('a1')).toEqual({ kind: 'already-deployed', sha: 'c1' });
    expect(deployed).toEqual([]);
  });

  it('waits while a deploy of the app runs, and does not remember the head meanwhile', async () => {
    const { watcher, deployed, lastSeen } = setup({ busy: true });
    expect(await watcher.check('a1')).toEqual({ kind: 'busy', sha: 'c1' });
    expect(deployed).toEqual([]);
    expect(lastSeen()).toBeNull();
  });

  it('reports a failing check without throwing', async () => {
    const { watcher } = setup({ head: async () => Promise.reject(new Error('host unreachable')) });
    expect(await watcher.check('a1')).toEqual({ kind: 'failed', error: 'host unreachable' });
  });

  it('forgets the last head when auto-deploy is turned off, and ignores apps it does not watch', async () => {
    const { app, watcher, lastSeen } = setup();
    await watcher.check('a1');
    app.autoDeploy = { enabled: false, intervalS: 60 };
    watcher.refresh('a1');
    expect(lastSeen()).toBeNull();
    expect(await watcher.check('a1')).toBeNull();
    watcher.stop();
  });
});
