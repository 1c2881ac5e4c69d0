import Dockerode from 'dockerode';
import { afterAll, expect, it } from 'vitest';
import { pruneAppImages } from '../../src/main/core/deploy/image-pruning';
import { BASE_IMAGE } from '../fixtures/docker-host';
import { runCommand } from '../fixtures/run-command';
import { describeIntegration } from '../fixtures/integration';

const docker = new Dockerode({ socketPath: '/var/run/docker.sock' });
// the classic builder: this machine's docker CLI has no buildx plugin
process.env.DOCKER_BUILDKIT = '0';
const repository = `mist/prune-test-${Date.now().toString(36)}`;

describeIntegration('image pruning keeps a bounded number of images per app', ['docker'], () => {
  afterAll(async () => {
    const images = await docker.listImages({ filters: { reference: [repository] } });
    for (const image of images)
      for (const tag of image.RepoTags ?? [])
        await docker
          .getImage(tag)
          .remove()
          .catch(() => {});
  });

  it('removes the oldest beyond the newest N, never the one in use', async () => {
    const tags: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const tag = `${repository}:commit${i}`;
      // a distinct image each time (a different label), a second apart so their ages differ
      const result = await runCommand('docker', ['build', '-q', '--label', `n=${i}`, '-t', tag, '-'], {
        input: `FROM ${BASE_IMAGE}\n`,
      });
      expect(result.code, result.stderr).toBe(0);
      tags.push(tag);
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    // the oldest is "in use" (a rollback target that runs): it must survive
    const removed = await pruneAppImages(docker, repository, tags[0]!, 2);
    expect(removed.sort()).toEqual([tags[1]]);
    const left = (await docker.listImages({ filters: { reference: [repository] } })).flatMap((i) => i.RepoTags ?? []);
    expect(left.sort()).toEqual([tags[0], tags[2], tags[3]].sort());
  });
});
