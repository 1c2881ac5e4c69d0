import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { SshDockerAgent } from '../../src/main/core/docker/ssh-docker-agent';
import type { AppDto, ContainerLogLineDto } from '../../src/shared/dto/app';
import type { ConnectionStateDto } from '../../src/shared/dto/server';
import { BASE_IMAGE } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { startWanProxy, type WanProxy } from '../fixtures/wan-proxy';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';
import { collectingSink } from '../support/collecting-sink';
import { until } from '../support/deploy-helpers';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });
const NUMBERED = 'i=0; while :; do echo line $i; i=$((i+1)); sleep 0.01; done';

describeIntegration('container logs survive a dropped connection', ['sshd', 'docker', 'keychain', 'root'], () => {
  let sshd: TestSshd;
  let proxy: WanProxy;
  let core: TestCore;
  let app: AppDto;

  beforeAll(async () => {
    sshd = await startTestSshd();
    proxy = await startWanProxy({ targetHost: sshd.host, targetPort: sshd.port, rttMs: 10 });
    core = await createTestCore({ timings: { reconnectBaseDelayMs: 200, reconnectMaxDelayMs: 400 } });
    const server = await core.servers.add(serverInput(sshd, { port: proxy.port }));
    const project = await core.handlers['projects.create']({
      name: `logs-${Date.now().toString(36)}`,
      serverId: server.id,
    });
    app = await core.handlers['apps.create']({
      projectId: project.id,
      name: 'printer',
      type: 'service',
      port: 8080,
      gitUrl: 'https://example.invalid/repo.git',
    } as never);
    // the app's container, as a deploy would name it: a shell loop printing numbered lines
    const container = await local.createContainer({
      name: `app-${app.id}`,
      Image: BASE_IMAGE,
      Cmd: ['sh', '-c', NUMBERED],
      Labels: { 'mist.project': project.id, 'mist.app': app.id },
    });
    await container.start();
  });

  afterAll(async () => {
    if (app)
      await local
        .getContainer(`app-${app.id}`)
        .remove({ force: true })
        .catch(() => {});
    await core?.dispose();
    await proxy?.close();
    await sshd?.stop();
  });

  it('marks the gap with one line and delivers every number exactly once, in order', async () => {
    const { received: lines, sink } = collectingSink<ContainerLogLineDto>();
    const states: string[] = [];
    core.pool.on('state', (state: ConnectionStateDto) => states.push(state.status));
    const numbers = () => lines.filter((line) => line.stream === 'stdout').map((line) => Number(line.text.slice(5)));
    // both reads (the first and the resumed one) go as HTTP/1.0 on channels of their own (raw-log-request.ts)
    const rawReads = vi.spyOn(SshDockerAgent.prototype, 'openUnpooled');
    let rawReadCount = 0;
    const stop = core.handlers['apps.logs']({ appId: app.id, tail: 10_000, timestamps: false }, sink);
    try {
      await until(() => numbers().length >= 100, 'the first hundred lines', 20_000);
      const beforeDrop = numbers().length;
      proxy.dropAll();
      await until(() => states.includes('reconnecting'), 'the pool to notice the drop', 20_000);
      await until(() => states.lastIndexOf('connected') > states.indexOf('reconnecting'), 'the reconnect', 20_000);
      // lines printed while the connection was down, and more after it came back
      await until(() => numbers().length >= beforeDrop + 150, 'lines after the reconnect', 20_000);
      await local.getContainer(`app-${app.id}`).stop({ t: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300)); // the last lines in flight
    } finally {
      stop();
      rawReadCount = rawReads.mock.calls.length;
      rawReads.mockRestore();
    }
    expect(rawReadCount).toBe(2);
    const seen = numbers();
    expect(seen.length).toBeGreaterThan(250);
    expect(seen).toEqual(seen.map((_, index) => index)); // 0..N, each once, in order
    // the gap line, and the stop at the end (logs-follow-across.test.ts follows what comes after one)
    const system = lines.filter((line) => line.stream === 'system');
    expect(system).toHaveLength(2);
    expect(system[1]!.text).toMatch(/^— the container stopped at /);
    expect(system[0]!.text).toMatch(/^— connection lost at \d\d:\d\d:\d\d, resumed; lines in between were fetched —$/);
    // the gap line sits where the connection broke: before it, lines read on the first connection
    const gapAt = lines.indexOf(system[0]!);
    expect(gapAt).toBeGreaterThanOrEqual(100);
    expect(gapAt).toBeLessThan(lines.length - 100);
  });
});
