import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContainerLogLineDto } from '../../src/shared/dto/app';
import { BASE_IMAGE } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { until } from '../support/deploy-helpers';
import { collectingSink } from '../support/collecting-sink';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });
const printing = (word: string) => `i=0; while :; do echo ${word} $i; i=$((i+1)); sleep 0.01; done`;

describeIntegration(
  'a followed app log starts with its first container and goes on across a restart and a replacement',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let setup: AppOnTestServer;
    const name = () => `app-${setup.app.id}`;
    const labels = () => ({ 'mist.project': setup.project.id }); // so dispose() removes them

    beforeAll(async () => {
      setup = await createAppOnTestServer({ projectPrefix: 'across', appName: 'printer', type: 'service' });
    });

    afterAll(async () => {
      await setup?.dispose();
    });

    it('waits for the first container, marks a stop, then follows the restarted container and the one a deploy put in its place', async () => {
      const { received: lines, sink } = collectingSink<ContainerLogLineDto>();
      const system = () => lines.filter((line) => line.stream === 'system').map((line) => line.text);
      const after = (marker: RegExp) => {
        const at = lines.findIndex((line) => line.stream === 'system' && marker.test(line.text));
        return at < 0 ? [] : lines.slice(at + 1).filter((line) => line.stream === 'stdout');
      };
      const stop = setup.core.handlers['apps.logs']({ appId: setup.app.id, tail: 10_000, timestamps: false }, sink);
      try {
        // opened before the app's first deploy: the log waits for its container
        await until(() => system().length === 1, 'the line saying there is no container yet');
        const first = await local.createContainer({
          name: name(),
          Image: BASE_IMAGE,
          Cmd: ['sh', '-c', printing('old')],
          Labels: labels(),
        });
        await first.start();
        await until(() => lines.length >= 31, 'the first lines');
        await local.getContainer(name()).restart({ t: 0 });
        await until(() => after(/started again/).length >= 30, 'lines of the restarted container');

        // what a deploy does: the new container runs beside the old one, the old one goes, the new one takes the name
        const next = await local.createContainer({
          name: `${name()}-next`,
          Image: BASE_IMAGE,
          Cmd: ['sh', '-c', printing('new')],
          Labels: labels(),
        });
        await next.start();
        await local.getContainer(name()).remove({ force: true });
        await next.rename({ name: name() });
        await until(() => after(/a new container took over/).length >= 30, 'lines of the new container');
      } finally {
        stop();
      }

      const marks = system();
      expect(marks).toHaveLength(5);
      expect(marks[0]).toBe('printer has no container on its server yet: its log starts here when a deploy runs it.');
      expect(marks[1]).toMatch(/^— the container stopped at \d\d:\d\d:\d\d; the log goes on when it runs again —$/);
      expect(marks[2]).toBe('— the container started again —');
      expect(marks[3]).toMatch(/^— the container stopped at /);
      expect(marks[4]).toMatch(/^— a new container took over \([0-9a-f]{12}\): its log from the start —$/);

      // each run of a container, between the marks, is 0..N once and in order: nothing repeated, nothing lost
      const runs: string[][] = [[]];
      for (const line of lines) {
        if (line.stream === 'system') runs.push([]);
        else runs[runs.length - 1]!.push(line.text);
      }
      const counted = (texts: string[], word: string) => texts.map((_, index) => `${word} ${index}`);
      expect(runs[0]).toEqual([]); // before the first container
      expect(runs[1]!.length).toBeGreaterThanOrEqual(30);
      expect(runs[1]).toEqual(counted(runs[1]!, 'old'));
      expect(runs[2]).toEqual([]); // nothing while it was stopped
      expect(runs[3]!.length).toBeGreaterThanOrEqual(30);
      expect(runs[3]).toEqual(counted(runs[3]!, 'old')); // the restarted process counts from 0 again
      expect(runs[4]).toEqual([]);
      expect(runs[5]!.length).toBeGreaterThanOrEqual(30);
      expect(runs[5]).toEqual(counted(runs[5]!, 'new'));
    });

    it('shows runs shorter than its look between them: a container made before it starts, then started twice', async () => {
      // a one-shot container (or a crash loop) runs for milliseconds: it is never seen running
      const oneShot = await setup.core.handlers['apps.create']({
        projectId: setup.project.id,
        name: 'oneshot',
        type: 'service',
        port: 8080,
      } as never);
      const container = await local.createContainer({
        name: `app-${oneShot.id}`,
        Image: BASE_IMAGE,
        Cmd: ['sh', '-c', "echo ran at $(cut -d' ' -f1 /proc/uptime)"],
        Labels: labels(),
      });
      const { received: lines, sink } = collectingSink<ContainerLogLineDto>();
      const ran = () => lines.filter((line) => line.stream === 'stdout' && /^ran at [\d.]+$/.test(line.text));
      const stop = setup.core.handlers['apps.logs']({ appId: oneShot.id, tail: 100, timestamps: false }, sink);
      try {
        // made but not started (compose creates, then starts): nothing to show yet
        await until(() => lines.some((line) => /^— the container stopped at /.test(line.text)), 'the stop mark');
        await container.start();
        await until(() => ran().length === 1, 'the line of its first run', 15_000);
        await container.start();
        await until(() => ran().length === 2, 'the line of its second run', 15_000);
      } finally {
        stop();
      }
      expect(new Set(ran().map((line) => line.text)).size).toBe(2); // two runs, each line once
      expect(lines.filter((line) => line.text === '— the container started again —')).toHaveLength(2);
    });
  },
);
