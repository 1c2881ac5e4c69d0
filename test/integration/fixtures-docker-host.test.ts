import { afterAll, expect, it } from 'vitest';
import { BASE_IMAGE, dockerCli, removeContainersLabelled, startIdleContainers } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';

describeIntegration('docker host fixture', ['docker'], () => {
  const label = `fixtures-docker-host-${process.pid}`;

  afterAll(async () => {
    await removeContainersLabelled(label);
  });

  it('runs the local base image', async () => {
    const result = await dockerCli(['run', '--rm', BASE_IMAGE, 'echo', 'ok']);
    expect(result).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('starts labelled idle containers that stop promptly and are removed by label', async () => {
    const ids = await startIdleContainers(2, label);
    expect(ids).toHaveLength(2);
    const running = await dockerCli(['ps', '--quiet', '--no-trunc', '--filter', `label=mist.test=${label}`]);
    expect(running.stdout.trim().split('\n').sort()).toEqual([...ids].sort());

    const started = Date.now();
    const stop = await dockerCli(['stop', ids[0] ?? '']);
    expect(stop.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);

    await removeContainersLabelled(label);
    const left = await dockerCli(['ps', '--all', '--quiet', '--filter', `label=mist.test=${label}`]);
    expect(left.stdout.trim()).toBe('');
  });
});
