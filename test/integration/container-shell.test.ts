import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiSession } from '../../src/main/core/api/api-session';
import type { AppDto } from '../../src/shared/dto/app';
import type { ShellEventDto } from '../../src/shared/dto/shell';
import type { ServerMessage } from '../../src/shared/wire';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { until, waitForDeployment } from '../support/deploy-helpers';
import type { TestCore } from '../support/test-core';
import { createTrayFeed, type TrayUpdate } from '../../src/main/core/tray/tray-feed';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

/** One peer of the API (as a window or a web-shell socket is), with a shell stream open in it. */
class ShellPeer {
  readonly events: ShellEventDto[] = [];
  readonly results = new Map<number, ServerMessage>();
  readonly session: ApiSession;
  private nextId = 100;

  constructor(core: TestCore) {
    this.session = new ApiSession(core.handlers, (message) => {
      if (message.type === 'batch' && message.id === 1) {
        this.events.push(...(message.events as ShellEventDto[]));
        this.session.receive({ type: 'ack', id: 1, count: message.events.length });
      } else if (message.type === 'result') {
        this.results.set(message.id, message);
      }
    });
  }

  open(input: Record<string, unknown>): void {
    this.session.receive({ type: 'subscribe', id: 1, channel: 'apps.shell', input });
  }

  get output(): string {
    return this.events.map((e) => (e.kind === 'output' ? e.data : '')).join('');
  }

  get sessionId(): string | null {
    const started = this.events.find((e) => e.kind === 'started');
    return started?.kind === 'started' ? started.sessionId : null;
  }

  async call(channel: string, input: unknown): Promise<ServerMessage> {
    const id = this.nextId++;
    this.session.receive({ type: 'call', id, channel, input });
    await until(() => this.results.has(id), `the answer to ${channel}`);
    return this.results.get(id)!;
  }
}

describeIntegration(
  'a shell in the container: docker exec with a TTY over SSH',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let core: TestCore;
    let app: AppDto;
    const trayUpdates: TrayUpdate[] = [];

    beforeAll(async () => {
      fixture = await createAppOnTestServer({ projectPrefix: 'sh', appName: 'svc', type: 'service' });
      ({ core, app } = fixture);
      createTrayFeed(core).on('update', (update: TrayUpdate) => trayUpdates.push(update));
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(done.status).toBe('success');
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('the tray feed followed the real deploy: deploying, then a notification that opens it', () => {
      expect(trayUpdates.some((u) => u.tray.icon === 'deploying')).toBe(true);
      const notes = trayUpdates.flatMap((u) => (u.notification ? [u.notification] : []));
      expect(notes).toHaveLength(1);
      expect(notes[0]!.title).toMatch(/^sh-\w+\/svc #1 deployed$/);
      expect(trayUpdates.at(-1)?.tray.icon).toBe('idle');
    });

    it('runs what is typed, resizes, and ends the exec when the API session closes', async () => {
      const peer = new ShellPeer(core);
      peer.open({ appId: app.id, cols: 100, rows: 30 });
      await until(() => peer.sessionId !== null, 'the shell to start');
      expect(peer.events[0]).toMatchObject({ kind: 'started', container: `app-${app.id}`, service: null });
      const sessionId = peer.sessionId!;

      expect(await peer.call('shell.input', { sessionId, data: 'echo hello-$((6*7))\n' })).toMatchObject({ ok: true });
      await until(() => peer.output.includes('hello-42'), 'hello-42');
      // the command line echoes `$((6*7))` as typed: only the shell's own output says 42
      expect(peer.output).toContain('hello-$((6*7))');

      await peer.call('shell.input', { sessionId, data: 'stty size\n' });
      await until(() => /\b30 100\b/.test(peer.output), 'the size it opened with');
      expect(await peer.call('shell.resize', { sessionId, cols: 132, rows: 40 })).toMatchObject({ ok: true });
      await peer.call('shell.input', { sessionId, data: 'stty size\n' });
      await until(() => /\b40 132\b/.test(peer.output), 'the new size');

      const execIds = (await local.getContainer(`app-${app.id}`).inspect()).ExecIDs ?? [];
      const running = async () => {
        const states = await Promise.all(
          execIds.map((id) =>
            local
              .getExec(id)
              .inspect()
              .catch(() => null),
          ),
        );
        return states.filter((s) => s?.Running).length;
      };
      expect(await running()).toBe(1);
      expect(core.shells.openCount).toBe(1);

      // a program still running in it ends with it, as when a terminal is closed
      await peer.call('shell.input', { sessionId, data: 'sleep 300\n' });
      peer.session.close();
      await until(async () => (await running()) === 0, 'the exec to end');
      const top = await local.getContainer(`app-${app.id}`).top();
      const commands = (top.Processes as string[][]).map((p) => p.join(' '));
      expect(commands.filter((line) => line.includes('sleep 300'))).toEqual([]);
      expect(core.shells.openCount).toBe(0);
    });

    it('reports the exit of the shell, and refuses input to it afterwards', async () => {
      const peer = new ShellPeer(core);
      peer.open({ appId: app.id });
      await until(() => peer.sessionId !== null, 'the shell to start');
      const sessionId = peer.sessionId!;
      await peer.call('shell.input', { sessionId, data: 'exit 3\n' });
      await until(() => peer.events.some((e) => e.kind === 'exit'), 'the exit event');
      expect(peer.events.at(-1)).toEqual({ kind: 'exit', code: 3, message: null });
      expect(await peer.call('shell.input', { sessionId, data: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      peer.session.close();
    });

    it('validates input: sizes, session ids, a service on a non-compose app', async () => {
      const peer = new ShellPeer(core);
      expect(await peer.call('shell.resize', { sessionId: 'a'.repeat(24), cols: 5000, rows: 40 })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
      expect(await peer.call('shell.input', { sessionId: '../etc', data: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
      expect(await peer.call('shell.input', { sessionId: 'a'.repeat(24), data: 'x'.repeat(70_000) })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
      const ended: ServerMessage[] = [];
      const session = new ApiSession(core.handlers, (m) => ended.push(m));
      session.receive({ type: 'subscribe', id: 7, channel: 'apps.shell', input: { appId: app.id, service: 'web' } });
      expect(ended[0]).toMatchObject({ type: 'end', id: 7, error: { code: 'invalid-input' } });
    });

    it('a stopped app: the stream says so instead of hanging', async () => {
      await core.handlers['apps.control']({ appId: app.id, action: 'stop' });
      try {
        const peer = new ShellPeer(core);
        peer.open({ appId: app.id });
        await until(() => peer.events.length > 0, 'an answer');
        expect(peer.events[0]).toMatchObject({
          kind: 'exit',
          code: null,
          message: expect.stringContaining('not running'),
        });
        peer.session.close();
      } finally {
        await core.handlers['apps.control']({ appId: app.id, action: 'start' });
      }
    });
  },
);
