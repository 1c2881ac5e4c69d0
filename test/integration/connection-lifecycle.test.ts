import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ConnectionStateDto } from '../../src/shared/dto/server';
import { type MistError } from '../../src/shared/errors';
import { execRemote } from '../../src/main/core/ssh/remote-exec';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { startWanProxy, type WanProxy } from '../fixtures/wan-proxy';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';
import { collectingSink } from '../support/collecting-sink';

const FAST_RECONNECT = { reconnectBaseDelayMs: 50, reconnectMaxDelayMs: 200 };

function waitForStatus(states: ConnectionStateDto[], status: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (states.some((s) => s.status === status)) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(
          new Error(`no '${status}' state within ${timeoutMs} ms; saw ${states.map((s) => s.status).join(' → ')}`),
        );
      }
    }, 20);
  });
}

describeIntegration(
  'connection pool: one connection per server, kept alive and recovered',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let sshd: TestSshd;
    let proxy: WanProxy;
    let core: TestCore;

    beforeAll(async () => {
      sshd = await startTestSshd();
      proxy = await startWanProxy({ targetHost: sshd.host, targetPort: sshd.port, rttMs: 0 });
    });
    afterAll(async () => {
      await proxy?.close();
      await sshd?.stop();
    });
    afterEach(async () => {
      await core?.dispose();
    });

    it('after a dropped connection the state goes reconnecting → connected and the next call succeeds', async () => {
      core = await createTestCore({ timings: FAST_RECONNECT });
      const server = await core.servers.add(serverInput(sshd, { port: proxy.port }));
      const docker = core.pool.docker(server.id);
      await docker.ping();
      const states: ConnectionStateDto[] = [];
      core.pool.on('state', (state: ConnectionStateDto) => {
        if (state.serverId === server.id) states.push(state);
      });

      proxy.dropAll();
      await waitForStatus(states, 'reconnecting');
      await waitForStatus(states, 'connected');
      const order = states.map((s) => s.status).filter((s, i, all) => s !== all[i - 1]);
      expect(order.indexOf('reconnecting')).toBeLessThan(order.lastIndexOf('connected'));
      await expect(docker.ping()).resolves.toBeTruthy();
      expect(proxy.connectionCount()).toBe(1); // still one connection, not one per call
    });

    it('streams connection states through the API, starting with a snapshot', async () => {
      core = await createTestCore();
      const server = await core.servers.add(serverInput(sshd));
      const { received, sink } = collectingSink<ConnectionStateDto>();
      const stop = core.handlers['connections.watch']({}, sink);
      await new Promise((resolve) => setImmediate(resolve));
      expect(received[0]).toMatchObject({ serverId: server.id, status: 'connected' });
      core.pool.forget(server.id);
      await core.servers.connect(server.id);
      await new Promise((resolve) => setImmediate(resolve));
      expect(received.map((s) => s.status)).toContain('connecting');
      expect(received.at(-1)?.status).toBe('connected');
      stop();
    });

    it('never closes while a channel is live, then closes when idle', async () => {
      core = await createTestCore({ timings: { idleCloseMs: 150 } });
      const server = await core.servers.add(serverInput(sshd));
      const conn = core.pool.connection(server.id);
      const sleeping = execRemote(conn, ['sleep', '1']);
      await new Promise((resolve) => setTimeout(resolve, 600)); // four idle periods pass…
      expect(conn.state.status).toBe('connected'); // …but the command keeps the connection open
      expect(conn.busyChannels).toBe(1);
      const result = await sleeping;
      expect(result.exitCode).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(conn.state.status).toBe('idle');
      await expect(core.pool.docker(server.id).ping()).resolves.toBeTruthy(); // reopened on demand
    });

    it('runs remote commands with argv quoting, exit codes, a timeout and cancel', async () => {
      core = await createTestCore();
      const server = await core.servers.add(serverInput(sshd));
      const conn = core.pool.connection(server.id);
      const hostile = `$(touch /tmp/mist-pwned) \`id\`; rm -rf /nonexistent && echo 'quoted' "double" \n newline *`;
      const echoed = await execRemote(conn, ['printf', '%s', hostile]);
      expect(echoed.stdout).toBe(hostile);
      const pwned = await execRemote(conn, ['test', '-e', '/tmp/mist-pwned']);
      expect(pwned.exitCode).toBe(1);

      const failing = await execRemote(conn, ['sh', '-c', 'echo oops >&2; exit 3']);
      expect(failing).toMatchObject({ exitCode: 3, stderr: 'oops\n' });

      const timedOut = (await execRemote(conn, ['sleep', '30'], { timeoutMs: 300 }).catch(
        (e: unknown) => e,
      )) as MistError;
      expect(timedOut.code).toBe('timeout');

      const controller = new AbortController();
      const cancelled = execRemote(conn, ['sleep', '30'], { signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      expect(((await cancelled.catch((e: unknown) => e)) as MistError).code).toBe('cancelled');
      expect(conn.busyChannels).toBe(0);
    });

    it('falls back to docker system dial-stdio where stream-local forwarding is forbidden', async () => {
      const strict = await startTestSshd({ allowStreamLocalForwarding: false });
      try {
        core = await createTestCore();
        const server = await core.servers.add(serverInput(strict));
        const docker = core.pool.docker(server.id);
        await expect(docker.ping()).resolves.toBeTruthy();
        expect(core.pool.dockerRoute(server.id)).toBe('dial-stdio');
        const containers = await docker.listContainers({ all: true });
        expect(Array.isArray(containers)).toBe(true);
      } finally {
        await core.dispose();
        await strict.stop();
      }
    });
  },
);
