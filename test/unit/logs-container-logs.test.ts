import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { followContainerLogs } from '../../src/main/core/logs/container-logs';
import type { ContainerLogLineDto } from '../../src/shared/dto/app';

/** Docker's multiplexed framing: [stream, 0, 0, 0, size (BE u32)] + payload. */
function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function fakeContainer(tty = false): { container: Dockerode.Container; stream: PassThrough } {
  const stream = new PassThrough();
  const container = {
    inspect: async () => ({ Id: 'c1', State: { StartedAt: '2024-05-01T10:00:00Z' }, Config: { Tty: tty } }),
    logs: async () => stream,
  } as unknown as Dockerode.Container;
  return { container, stream };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('followContainerLogs', () => {
  it('demultiplexes stdout and stderr, joins frames split across chunks, and prefixes the service', async () => {
    const { container, stream } = fakeContainer();
    const batches: ContainerLogLineDto[][] = [];
    const controller = new AbortController();
    followContainerLogs(
      [{ container, service: 'web' }],
      { tail: 10, timestamps: false, prefix: true, signal: controller.signal },
      (lines) => batches.push(lines),
    );
    await tick();
    const bytes = Buffer.concat([frame(1, 'one\ntw'), frame(2, 'oops\n'), frame(1, 'o\n')]);
    stream.write(bytes.subarray(0, 5));
    stream.write(bytes.subarray(5, 17));
    stream.write(bytes.subarray(17));
    await tick();
    await tick();
    expect(batches.flat()).toEqual([
      { stream: 'stdout', text: 'web | one', service: 'web' },
      { stream: 'stderr', text: 'web | oops', service: 'web' },
      { stream: 'stdout', text: 'web | two', service: 'web' },
    ]);
    controller.abort();
    expect(stream.destroyed).toBe(true);
  });

  it('takes Docker timestamps off into `at`, and reads a TTY container raw', async () => {
    const { container, stream } = fakeContainer(true);
    const lines: ContainerLogLineDto[] = [];
    const controller = new AbortController();
    const follower = followContainerLogs(
      [{ container }],
      { tail: 10, timestamps: true, signal: controller.signal },
      (batch) => lines.push(...batch),
    );
    await tick();
    stream.end('2024-05-01T10:00:00.123456789Z hello world\r\n');
    await follower.done;
    expect(lines).toEqual([{ stream: 'stdout', text: 'hello world', at: '2024-05-01T10:00:00.123456789Z' }]);
  });

  it('follows a source added later from the start of its log (no tail), and `done` waits for it too', async () => {
    const first = fakeContainer(true);
    const added = fakeContainer(true);
    const asked: unknown[] = [];
    const addedContainer = {
      ...added.container,
      logs: async (query: unknown) => (asked.push(query), added.stream),
    } as unknown as Dockerode.Container;
    const lines: ContainerLogLineDto[] = [];
    const controller = new AbortController();
    const follower = followContainerLogs(
      [{ container: first.container, service: 'web' }],
      { tail: 10, timestamps: false, prefix: true, signal: controller.signal },
      (batch) => lines.push(...batch),
    );
    await tick();
    follower.add({ container: addedContainer, service: 'worker', fromStart: true });
    await tick();
    expect(asked).toEqual([{ stdout: true, stderr: true, timestamps: true, follow: true }]);
    let settled = false;
    void follower.done.then(() => (settled = true));
    first.stream.end('web line\n');
    added.stream.write('worker line\n');
    await tick();
    await tick();
    expect(settled).toBe(false);
    added.stream.end();
    await follower.done;
    expect(lines.map((line) => line.text)).toEqual(['web | web line', 'worker | worker line']);
  });

  it('pauses and resumes the Docker stream (flow control)', async () => {
    const { container, stream } = fakeContainer();
    const controller = new AbortController();
    const follower = followContainerLogs(
      [{ container }],
      { tail: 0, timestamps: false, signal: controller.signal },
      () => {},
    );
    await tick();
    follower.pause();
    expect(stream.isPaused()).toBe(true);
    follower.resume();
    expect(stream.isPaused()).toBe(false);
    controller.abort();
    await follower.done;
  });

  it('a source that cannot be read becomes a system line', async () => {
    const container = {
      inspect: async () => {
        throw new Error('no such container');
      },
    } as unknown as Dockerode.Container;
    const lines: ContainerLogLineDto[] = [];
    const follower = followContainerLogs(
      [{ container, service: 'db' }],
      { tail: 1, timestamps: false, signal: new AbortController().signal },
      (batch) => lines.push(...batch),
    );
    await follower.done;
    expect(lines).toEqual([{ stream: 'system', text: 'db | Cannot read the log: no such container', service: 'db' }]);
  });

  it('with reattach, a log that ends says when Docker stopped the container, then waits for it to run again', async () => {
    const stream = new PassThrough();
    const stoppedAt = new Date(2024, 4, 1, 9, 41, 7); // local time, as the line shows it
    const container = {
      inspect: async () => ({
        Id: 'c1',
        State: { Running: false, StartedAt: '2024-05-01T08:00:00Z', FinishedAt: stoppedAt.toISOString() },
        Config: { Tty: false },
      }),
      logs: async () => stream,
    } as unknown as Dockerode.Container;
    const lines: ContainerLogLineDto[] = [];
    const controller = new AbortController();
    const follower = followContainerLogs(
      [{ container }],
      { tail: 10, timestamps: false, reattach: true, signal: controller.signal },
      (batch) => lines.push(...batch),
    );
    await tick();
    stream.end(frame(1, 'last words\n'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(); // while it waits for the container to run again
    await follower.done;
    expect(lines).toEqual([
      { stream: 'stdout', text: 'last words' },
      { stream: 'system', text: '— the container stopped at 09:41:07; the log goes on when it runs again —' },
    ]);
  });
});

describe('followContainerLogs after a dropped connection', () => {
  const stamp = (n: number) => `2024-05-01T10:00:00.${String(n).padStart(3, '0')}Z`;
  const logLine = (n: number) => frame(1, `${stamp(n)} line ${n}\n`);

  it('reads again from the last timestamp, marks the gap once, and repeats or loses no line', async () => {
    const first = new PassThrough();
    const second = new PassThrough();
    const queries: Record<string, unknown>[] = [];
    const container = {
      inspect: async () => ({ Id: 'c1', State: { StartedAt: '2024-05-01T10:00:00Z' }, Config: { Tty: false } }),
      logs: async (query: Record<string, unknown>) => {
        queries.push(query);
        if (queries.length === 2) throw new Error('reconnecting');
        return queries.length === 1 ? first : second;
      },
    } as unknown as Dockerode.Container;
    const lines: ContainerLogLineDto[] = [];
    const controller = new AbortController();
    const follower = followContainerLogs(
      [{ container }],
      { tail: 100, timestamps: false, signal: controller.signal },
      (batch) => lines.push(...batch),
    );
    await tick();
    // lines 0..2 arrive, then half of line 3's frame, and the connection breaks
    first.write(Buffer.concat([logLine(0), logLine(1), logLine(2), logLine(3).subarray(0, 12)]));
    await tick();
    first.destroy();
    // the resumed read repeats line 2 (since is inclusive), then the lines printed meanwhile
    second.write(Buffer.concat([logLine(2), logLine(3), logLine(4)]));
    second.end();
    await follower.done;
    expect(queries[0]).toMatchObject({ follow: true, tail: 100, timestamps: true });
    expect(queries[2]).toEqual({
      stdout: true,
      stderr: true,
      timestamps: true,
      follow: true,
      since: '1714557600.002000000',
    });
    expect(lines.map((line) => line.text)).toEqual([
      'line 0',
      'line 1',
      'line 2',
      expect.stringMatching(/^— connection lost at \d\d:\d\d:\d\d, resumed; lines in between were fetched —$/),
      'line 3',
      'line 4',
    ]);
    expect(lines[3]!.stream).toBe('system');
    expect(lines.some((line) => 'at' in line)).toBe(false);
  });
});
