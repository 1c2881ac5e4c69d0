import Dockerode from 'dockerode';
import { afterAll, expect, it } from 'vitest';
import { exitCodeFromEvents } from '../../src/main/core/deploy/early-exit';
import { BASE_IMAGE } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

describeIntegration("a crashed container's exit code, from Docker's events", ['docker'], () => {
  const created: Dockerode.Container[] = [];
  const run = async (cmd: string, restart: string) => {
    const container = await local.createContainer({
      Image: BASE_IMAGE,
      Cmd: ['sh', '-c', cmd],
      Labels: { 'mist.test': 'exit-code' },
      HostConfig: { RestartPolicy: { Name: restart } },
    });
    created.push(container);
    await container.start();
    return container;
  };

  afterAll(async () => {
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => {})));
  });

  it('is the code of the latest crash even after the restart policy started it again (which clears it)', async () => {
    const container = await run('sleep 0.3; exit 3', 'always');
    // it crashed and runs again: inspect's exit code is back to 0 while it runs
    for (let i = 0; i < 100 && ((await container.inspect()).RestartCount ?? 0) < 1; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await container.inspect()).RestartCount).toBeGreaterThanOrEqual(1);
    expect(await exitCodeFromEvents(local, container)).toBe(3);
  });

  it('is 0 for a container that did exit 0, and null for one that has not exited', async () => {
    const quiet = await run('exit 0', 'no');
    await quiet.wait();
    expect(await exitCodeFromEvents(local, quiet)).toBe(0);
    const running = await run('sleep 100', 'no');
    expect(await exitCodeFromEvents(local, running)).toBeNull();
  });
});
