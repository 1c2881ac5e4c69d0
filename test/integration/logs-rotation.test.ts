import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContainerLogLineDto } from '../../src/shared/dto/app';
import { StreamSink } from '../../src/main/core/api/stream-sink';
import { containerLogConfig } from '../../src/main/core/deploy/container-logging';
import { BASE_IMAGE } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { until } from '../support/deploy-helpers';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });
const LINES = 150_000;
// bursts of 1,000 numbered lines, slow enough for the follower to keep up (nothing rotates away unread)
const BURSTS =
  'while [ ! -e /tmp/go ]; do sleep 0.05; done; ' +
  `i=0; while [ $i -lt ${LINES / 1000} ]; do seq $((i*1000+1)) $((i*1000+1000)); i=$((i+1)); usleep 20000; done; ` +
  'exec sleep 100000';

describeIntegration(
  'a followed log goes on across log file rotations, each line once',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let setup: AppOnTestServer;

    beforeAll(async () => {
      setup = await createAppOnTestServer({ projectPrefix: 'rotation', appName: 'chatty', type: 'service' });
    });

    afterAll(async () => {
      await setup?.dispose();
    });

    it('delivers every line of a log that rotated several times exactly once, in order', async () => {
      // the app's log settings with a small file, so the 150,000 lines (about 5 MB) rotate 4 times
      const logConfig = containerLogConfig({ maxSizeMb: 1, maxFiles: 10 });
      const container = await local.createContainer({
        name: `app-${setup.app.id}`,
        Image: BASE_IMAGE,
        Cmd: ['sh', '-c', BURSTS],
        Labels: { 'mist.project': setup.project.id },
        HostConfig: { LogConfig: logConfig },
      });
      await container.start();

      const numbers: number[] = [];
      const sink = new StreamSink<ContainerLogLineDto>((events) => {
        for (const line of events) if (line.stream === 'stdout') numbers.push(Number(line.text));
        sink.acknowledge(events.length);
      });
      const stop = setup.core.handlers['apps.logs']({ appId: setup.app.id, tail: 100, timestamps: false }, sink);
      try {
        await new Promise((resolve) => setTimeout(resolve, 500)); // the follow is open
        const go = await container.exec({ Cmd: ['touch', '/tmp/go'] });
        await go.start({});
        await until(() => numbers.length >= LINES && numbers.at(-1) === LINES, 'the last line', 60_000);
        await new Promise((resolve) => setTimeout(resolve, 1000)); // a late repeat would arrive now
      } finally {
        stop();
      }

      // the log did rotate: the local driver keeps the older files beside the current one
      const root = ((await local.info()) as { DockerRootDir: string }).DockerRootDir;
      const files = readdirSync(join(root, 'containers', container.id, 'local-logs'));
      expect(files.length, files.join(', ')).toBeGreaterThanOrEqual(4);
      expect(numbers.length).toBe(LINES);
      const outOfPlace = numbers.findIndex((n, i) => n !== i + 1);
      expect(outOfPlace, `line ${outOfPlace} is ${numbers[outOfPlace]}`).toBe(-1);
    });
  },
);
