import { describe, expect, it } from 'vitest';
import { dockerSpaceFromDf } from '../../src/main/core/servers/docker-space';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const secondsAgo = (s: number) => Math.floor(NOW / 1000) - s;

describe('dockerSpaceFromDf', () => {
  it('counts images, dangling ones old enough to remove (without shared layers), cache, containers and volumes', () => {
    const space = dockerSpaceFromDf(
      'srv1',
      {
        Images: [
          { Size: 100, SharedSize: 40, Containers: 1, RepoTags: ['mist/shop-web:abc'], Created: secondsAgo(3600) },
          { Size: 80, SharedSize: 30, Containers: 0, RepoTags: ['<none>:<none>'], Created: secondsAgo(3600) },
          { Size: 50, SharedSize: -1, Containers: 0, RepoTags: null, Created: secondsAgo(7200) },
          // dangling but young: may be a step of a build that is running, so not counted (nor removed)
          { Size: 70, SharedSize: 0, Containers: 0, RepoTags: [], Created: secondsAgo(60) },
          // untagged but used by a container: not dangling
          { Size: 60, SharedSize: 0, Containers: 2, RepoTags: [], Created: secondsAgo(3600) },
        ],
        BuildCache: [
          { Size: 10, InUse: true, Shared: false },
          { Size: 20, InUse: false, Shared: false },
          { Size: 30, InUse: false, Shared: true },
        ],
        Containers: [
          { SizeRw: 5, State: 'running' },
          { SizeRw: 7, State: 'exited' },
        ],
        Volumes: [{ UsageData: { Size: 1000 } }, { UsageData: { Size: -1 } }, { UsageData: null }],
      },
      NOW,
    );
    expect(space).toEqual({
      serverId: 'srv1',
      images: { count: 5, bytes: 360 },
      danglingImages: { count: 2, bytes: 50 + 50 },
      buildCache: { bytes: 30, unusedBytes: 20 },
      containers: { count: 2, running: 1, bytes: 12 },
      volumes: { count: 3, bytes: 1000 },
    });
  });

  it('reads an engine with nothing at all (null lists) as zeros', () => {
    expect(dockerSpaceFromDf('srv1', { Images: null, BuildCache: null, Containers: null, Volumes: null }, NOW)).toEqual(
      {
        serverId: 'srv1',
        images: { count: 0, bytes: 0 },
        danglingImages: { count: 0, bytes: 0 },
        buildCache: { bytes: 0, unusedBytes: 0 },
        containers: { count: 0, running: 0, bytes: 0 },
        volumes: { count: 0, bytes: 0 },
      },
    );
  });
});
