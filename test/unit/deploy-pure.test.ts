import { describe, expect, it } from 'vitest';
import { demuxToText } from '../../src/main/core/deploy/container-replace';
import { DeployQueue } from '../../src/main/core/deploy/deploy-queue';
import { imageTag, identityLabels, type DeployableApp } from '../../src/main/core/deploy/deploy-pipeline';
import { LineSplitter } from '../../src/main/core/deploy/line-splitter';
import { REDACTED, createRedactor } from '../../src/main/core/deploy/redactor';
import { checkoutDir } from '../../src/main/core/deploy/remote-git';

describe('createRedactor', () => {
  it('hides every occurrence, longest secret first, and leaves other text alone', () => {
    const redact = createRedactor(['hunter2', 'hunter2-extended', 'ab']);
    expect(redact('pw=hunter2-extended and hunter2 twice hunter2')).toBe(
      `pw=${REDACTED} and ${REDACTED} twice ${REDACTED}`,
    );
    expect(redact('about abc')).toBe('about abc'); // two-letter values are not hunted
  });

  it('is the identity without secrets', () => {
    expect(createRedactor([])('anything')).toBe('anything');
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks so a secret in the middle can be redacted whole', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('first li');
    splitter.push(Buffer.from('ne\nsec'));
    splitter.push('ret-value\nlast');
    expect(lines).toEqual(['first line', 'secret-value']);
    splitter.flush();
    expect(lines).toEqual(['first line', 'secret-value', 'last']);
  });

  it('keeps only the final state of carriage-return progress lines and strips CRLF', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('Receiving 10%\rReceiving 50%\rReceiving 100%\r\nwindows line\r\n');
    expect(lines).toEqual(['Receiving 100%', 'windows line']);
  });

  it('cuts a runaway line so memory stays bounded', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), 10);
    splitter.push('x'.repeat(25));
    expect(lines).toEqual(['x'.repeat(10)]);
  });
});

describe('DeployQueue', () => {
  function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }

  it('runs one deploy per app at a time, in order', async () => {
    const queue = new DeployQueue(2);
    const order: string[] = [];
    const first = deferred();
    queue.enqueue({
      deploymentId: 'd1',
      appId: 'a',
      serverId: 's',
      run: async () => {
        order.push('d1 start');
        await first.promise;
        order.push('d1 end');
      },
    });
    queue.enqueue({
      deploymentId: 'd2',
      appId: 'a',
      serverId: 's',
      run: async () => {
        order.push('d2 start');
      },
    });
    expect(queue.isWaiting('d2')).toBe(true);
    expect(queue.blockedBy('d2')).toBe('d1');
    first.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['d1 start', 'd1 end', 'd2 start']);
  });

  it('runs different apps on one server in parallel up to the limit; servers are independent', async () => {
    const queue = new DeployQueue(2);
    const running = new Set<string>();
    const gates = new Map<string, ReturnType<typeof deferred>>();
    for (const [id, app, server] of [
      ['d1', 'a', 's1'],
      ['d2', 'b', 's1'],
      ['d3', 'c', 's1'],
      ['d4', 'd', 's2'],
    ] as const) {
      const gate = deferred();
      gates.set(id, gate);
      queue.enqueue({
        deploymentId: id,
        appId: app,
        serverId: server,
        run: async () => {
          running.add(id);
          await gate.promise;
          running.delete(id);
        },
      });
    }
    expect([...running].sort()).toEqual(['d1', 'd2', 'd4']);
    expect(queue.isWaiting('d3')).toBe(true);
    expect(queue.blockedBy('d3')).toBeNull(); // waits for a slot, not for its own app
    gates.get('d1')!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(running.has('d3')).toBe(true);
  });

  it('removes a waiting job before it starts, not a running one', () => {
    const queue = new DeployQueue(1);
    queue.enqueue({ deploymentId: 'd1', appId: 'a', serverId: 's', run: () => new Promise(() => {}) });
    queue.enqueue({ deploymentId: 'd2', appId: 'b', serverId: 's', run: async () => {} });
    expect(queue.remove('d1')).toBe(false);
    expect(queue.remove('d2')).toBe(true);
    expect(queue.isWaiting('d2')).toBe(false);
  });
});

describe('names and labels on the server', () => {
  const app = { id: 'abc123', projectId: 'p1', projectName: 'shop', name: 'web' } as DeployableApp;

  it('tags images mist/{project}-{app}:{commit} and keeps one checkout per app', () => {
    expect(imageTag(app, 'deadbeef')).toBe('mist/shop-web:deadbeef');
    expect(checkoutDir('p1', 'web')).toBe('/var/lib/mist/projects/p1/apps/web');
  });

  it('labels containers with app, project, deployment and commit', () => {
    expect(identityLabels(app, 'dep1', 'deadbeef')).toEqual({
      'mist.managed': 'true',
      'mist.app': 'abc123',
      'mist.project': 'p1',
      'mist.deployment': 'dep1',
      'mist.commit': 'deadbeef',
    });
  });
});

describe('demuxToText', () => {
  it('decodes Docker multiplexed frames and passes plain text through', () => {
    const frame = (stream: number, text: string) => {
      const body = Buffer.from(text);
      const header = Buffer.alloc(8);
      header[0] = stream;
      header.writeUInt32BE(body.length, 4);
      return Buffer.concat([header, body]);
    };
    expect(demuxToText(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]))).toBe('out\nerr\n');
    expect(demuxToText(Buffer.from('plain text'))).toBe('plain text');
  });
});

describe('runnerAlive', () => {
  it('tells whether the Mist process that started a deployment still runs', async () => {
    const { runnerAlive } = await import('../../src/main/core/deploy/deploy-service');
    const { hostname } = await import('node:os');
    const { spawnSync } = await import('node:child_process');
    const finished = spawnSync('true').pid!;
    expect(runnerAlive(null)).toBe(false);
    expect(runnerAlive(`${hostname()}/${process.pid}`)).toBe(false); // this process: judged by its own state
    expect(runnerAlive(`${hostname()}/${process.ppid}`)).toBe(true);
    expect(runnerAlive(`${hostname()}/${finished}`)).toBe(false);
    expect(runnerAlive('another-machine/1')).toBe(true); // not ours to settle
  });
});
