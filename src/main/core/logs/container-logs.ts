import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { ContainerLogLineDto } from '../../../shared/dto/app';
import { LineSplitter } from '../deploy/line-splitter';
import { clockTime, gapText, LogCursor } from './log-cursor';
import { openFollowedLog } from './raw-log-request';

export interface LogSource {
  container: Dockerode.Container;
  /** Compose apps: the service the container runs. */
  service?: string;
  /** Its whole log rather than the last `tail` lines: a container that joined while the log was open. */
  fromStart?: boolean;
}

export interface LogOptions {
  tail: number;
  timestamps: boolean;
  /** Keep following (default); false reads what is there and ends. */
  follow?: boolean;
  /** Prefix each line with `service | ` (a combined log of several services). */
  prefix?: boolean;
  /**
   * Following app containers by name: when one stops, wait until a container of that name runs
   * again (a restart, or a deploy's replacement) and go on with its log instead of ending.
   */
  reattach?: boolean;
  signal: AbortSignal;
}

export interface LogFollower {
  /** Flow control: stop reading from Docker (the SSH channel's window closes) until resume. */
  pause(): void;
  resume(): void;
  /** Follows one more source along with the others (a compose service a deploy added). */
  add(source: LogSource): void;
  /** Settles when every source (added ones too) has ended or the signal aborted. */
  done: Promise<void>;
}

const BATCH_MAX = 2_000;
/** A broken read is resumed this many times (with backoff) before the log gives up with a system line. */
const RESUME_ATTEMPTS = 12;
/** How often a stopped container is looked at, waiting for it (or its replacement) to run. */
const REATTACH_POLL_MS = 1_000;

/**
 * Follows the logs of one or more containers over the Docker API: demultiplexed here (stdout vs
 * stderr), split into lines, and handed to `onLines` in batches (at most one per tick, ≤ 2,000 lines).
 * Stops cleanly when the signal aborts: every Docker stream is destroyed. A followed read that breaks
 * off (the SSH connection dropped; the pool reconnects) is resumed where it stopped, with one
 * `system` line marking the gap and no line repeated or lost (see LogCursor).
 */
export function followContainerLogs(
  sources: readonly LogSource[],
  options: LogOptions,
  onLines: (lines: ContainerLogLineDto[]) => void,
): LogFollower {
  const streams = new Set<Readable>();
  let paused = false;
  let pending: ContainerLogLineDto[] = [];
  let flushScheduled = false;

  const flush = () => {
    flushScheduled = false;
    while (pending.length > 0) onLines(pending.splice(0, BATCH_MAX));
  };
  const emit = (line: ContainerLogLineDto) => {
    if (options.signal.aborted) return;
    pending.push(line);
    if (pending.length >= BATCH_MAX) flush();
    else if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };
  const stopAll = () => {
    for (const stream of streams) stream.destroy();
    streams.clear();
    pending = [];
  };
  options.signal.addEventListener('abort', stopAll, { once: true });

  /** Reads one Docker stream until it ends: true for a clean end, false when it broke off. */
  const pump = (stream: Readable, demux: (chunk: Buffer) => void): Promise<boolean> => {
    streams.add(stream);
    if (paused) stream.pause();
    return new Promise<boolean>((resolve) => {
      let ended = false;
      stream.on('data', demux);
      if (!paused) stream.resume(); // a raw log body comes paused (see openFollowedLog)
      stream.once('end', () => {
        ended = true;
        resolve(true);
      });
      stream.once('close', () => resolve(ended));
      stream.once('error', () => resolve(false));
    }).finally(() => streams.delete(stream));
  };

  const followOne = async (source: LogSource): Promise<void> => {
    const format = lineFormatter(source.service, options);
    const info = await source.container.inspect();
    let tty = Boolean(info.Config.Tty);
    let run: ContainerRun = { id: info.Id, startedAt: info.State.StartedAt };
    const common = { stdout: true, stderr: true, timestamps: true } as const;
    // a followed read resumes after a dropped connection from the last timestamp it delivered
    let cursor = new LogCursor();
    const reader = (into: (line: ContainerLogLineDto) => void) => {
      const onLine = (stream: 'stdout' | 'stderr') => (raw: string) => {
        const stamp = leadingStamp(raw);
        if (cursor.accept(stamp, raw)) into(format(stream, raw, stamp));
      };
      const out = new LineSplitter(onLine('stdout'));
      const err = new LineSplitter(onLine('stderr'));
      const demux = tty ? (chunk: Buffer) => out.push(chunk) : frameDemuxer(out, err);
      return { demux, flush: () => (out.flush(), err.flush()) };
    };

    if (options.follow === false) {
      // dockerode answers an unfollowed log with the whole log as one Buffer
      const whole = (await source.container.logs({ ...common, tail: options.tail, follow: false })) as Buffer;
      const read = reader(emit);
      read.demux(whole);
      return read.flush();
    }

    let lostAt: Date | null = null;
    let attempt = 0;
    let startedSince: string | null = null;
    /** What the next read asks for beyond the first one's tail: a resumed, restarted or new container. */
    let next: 'first' | 'resume' | 'whole' = source.fromStart ? 'whole' : 'first';
    const readQuery = () => {
      if (next === 'first') return { tail: options.tail };
      if (next === 'whole') return {};
      return resumeQuery(cursor, startedSince, options.tail);
    };
    for (;;) {
      if (options.signal.aborted) return;
      let stream: Readable;
      try {
        stream = await openFollowedLog(source.container, { ...common, ...readQuery() });
      } catch (error) {
        // only a later read is retried (after a drop, a restart or a replacement)
        if (next === 'first' || ++attempt > RESUME_ATTEMPTS) throw error;
        await abortableDelay(resumeDelay(attempt), options.signal);
        continue;
      }
      if (options.signal.aborted) return void stream.destroy();
      if (next === 'first') startedSince = sinceFromHttpDate(stream);
      attempt = 0;
      if (lostAt !== null) {
        emit(systemLine(source.service, gapText(lostAt)));
        lostAt = null;
      }
      const read = reader(emit);
      const clean = await pump(stream, read.demux);
      if (options.signal.aborted) return;
      if (!clean) {
        // the connection broke: resume from the cursor (a partial line is re-read)
        lostAt = new Date();
        next = 'resume';
        await abortableDelay(resumeDelay(1), options.signal);
        continue;
      }
      // a clean end: the container stopped
      read.flush();
      if (!options.reattach) return;
      const running = await runAfterStop(source, run, options.signal, emit);
      if (running === null) return;
      tty = running.tty;
      if (running.id === run.id) next = 'resume';
      else {
        // a deploy replaced it: the new container's whole log is new
        cursor = new LogCursor();
        next = 'whole';
      }
      run = running;
    }
  };

  const following = new Set<Promise<void>>();
  const follow = (source: LogSource) => {
    const followed = followOne(source).catch((error: Error) => {
      if (!options.signal.aborted) emit(systemLine(source.service, `Cannot read the log: ${error.message}`));
    });
    following.add(followed);
    void followed.finally(() => following.delete(followed));
  };
  sources.forEach(follow);
  const allEnded = async () => {
    // a source added while waiting is waited for too
    while (following.size > 0) await Promise.all(following);
  };
  const done = allEnded().then(() => flush());

  return {
    pause() {
      paused = true;
      for (const stream of streams) stream.pause();
    },
    resume() {
      paused = false;
      for (const stream of streams) stream.resume();
    },
    add(source) {
      if (!options.signal.aborted) follow(source);
    },
    done,
  };
}

export interface ContainerRun {
  id: string;
  startedAt: string;
}

/**
 * Waits until the container named like `container` has run: any run (`last` null), or one other
 * than `last` — the same container restarted (a new start time) or another one under that name (a
 * deploy's replacement). A run counts even if it is over by the time it is looked at (a one-shot
 * container, a crash loop faster than the poll): its lines are read all the same. Null once the
 * signal aborts. A missing container, or one that cannot be inspected now (the connection is
 * down), is looked at again.
 */
export async function waitForRun(
  container: Dockerode.Container,
  last: ContainerRun | null,
  signal: AbortSignal,
): Promise<(ContainerRun & { tty: boolean }) | null> {
  for (;;) {
    await abortableDelay(REATTACH_POLL_MS, signal);
    if (signal.aborted) return null;
    const info = await container.inspect().catch(() => null);
    // a container made but never started reports 0001-01-01
    if (!info || !(info.State.Running || hasStarted(info.State.StartedAt))) continue;
    const run = { id: info.Id, startedAt: info.State.StartedAt, tty: Boolean(info.Config.Tty) };
    if (last === null || run.id !== last.id || run.startedAt !== last.startedAt) return run;
  }
}

function hasStarted(startedAt: string): boolean {
  const millis = Date.parse(startedAt);
  return !Number.isNaN(millis) && millis > 0;
}

/**
 * After a followed container stopped: marks the stop in the log, waits until a container of that
 * name runs again and says which (the same one restarted, or a new one). Null once the signal aborts.
 */
async function runAfterStop(
  source: LogSource,
  last: ContainerRun,
  signal: AbortSignal,
  emit: (line: ContainerLogLineDto) => void,
): Promise<(ContainerRun & { tty: boolean }) | null> {
  const stoppedAt = clockTime(await stopTime(source.container));
  emit(systemLine(source.service, `— the container stopped at ${stoppedAt}; the log goes on when it runs again —`));
  const running = await waitForRun(source.container, last, signal);
  if (running === null) return null;
  emit(
    systemLine(
      source.service,
      running.id === last.id
        ? '— the container started again —'
        : `— a new container took over (${running.id.slice(0, 12)}): its log from the start —`,
    ),
  );
  return running;
}

/** When Docker says the container stopped (it may have been before the log was opened), else now. */
async function stopTime(container: Dockerode.Container): Promise<Date> {
  const info = await container.inspect().catch(() => null);
  const finished = info && !info.State.Running ? Date.parse(info.State.FinishedAt) : Number.NaN;
  // a container that never stopped reports 0001-01-01
  return Number.isNaN(finished) || finished <= 0 ? new Date() : new Date(finished);
}

/** A note from Mist Desktop in the log (a source that failed or ended). */
export function systemLine(service: string | undefined, text: string): ContainerLogLineDto {
  return { stream: 'system', text: service ? `${service} | ${text}` : text, ...(service ? { service } : {}) };
}

/**
 * Docker's own timestamp (RFC 3339, nanoseconds) leads every line (we always ask for it), then one
 * space: answered without a regex (a flood passes through here), checked by the cursor.
 */
export function leadingStamp(raw: string): string | null {
  const space = raw.indexOf(' ');
  // `2024-05-01T10:00:07Z` is the shortest form, `…T10:00:07.123456789+02:00` the longest
  if (space < 20 || space > 35 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(10) !== 84) return null;
  return raw.slice(0, space);
}

function lineFormatter(
  service: string | undefined,
  options: Pick<LogOptions, 'prefix' | 'timestamps'>,
): (stream: 'stdout' | 'stderr', raw: string, stamp: string | null) => ContainerLogLineDto {
  const prefix = options.prefix && service ? `${service} | ` : '';
  return (stream, raw, stamp) => {
    const text = stamp === null ? raw : raw.slice(stamp.length + 1);
    const dto: ContainerLogLineDto = { stream, text: prefix ? prefix + text : text };
    if (stamp !== null && options.timestamps) dto.at = stamp;
    if (service) dto.service = service;
    return dto;
  };
}

/** What a resumed read asks Docker for: everything from the cursor on (see LogCursor). */
function resumeQuery(cursor: LogCursor, startedSince: string | null, tail: number): { since?: string; tail?: number } {
  const since = cursor.resume();
  if (since !== null) return { since };
  // nothing delivered yet: with a tail the log was empty, so all of it is new; without one, from the start
  if (tail > 0) return {};
  return startedSince === null ? { tail: 0 } : { since: startedSince };
}

/** The server's clock when the first read began (its HTTP Date header), as Docker's `since`. */
function sinceFromHttpDate(stream: Readable): string | null {
  const date = (stream as Readable & { headers?: Record<string, string | undefined> }).headers?.date;
  const millis = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(millis) ? null : String(Math.floor(millis / 1000));
}

function resumeDelay(attempt: number): number {
  return Math.min(5_000, 250 * 2 ** (attempt - 1));
}

/** Waits `ms`, or less once the signal aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Docker's multiplexed stream (a container without a TTY): frames of an 8-byte header (stream
 * type, 3 zero bytes, big-endian size) and the payload. Frames may span chunks; stdin (0) is ignored.
 * A flood is a frame per line: each payload is decoded straight to a string by its offsets, with no
 * Buffer made per frame, and only a frame cut off at a chunk's end is copied.
 */
export function frameDemuxer(
  out: { push(chunk: string): void },
  err: { push(chunk: string): void },
): (chunk: Buffer) => void {
  let rest: Buffer | null = null;
  return (incoming) => {
    const chunk = rest === null ? incoming : Buffer.concat([rest, incoming]);
    rest = null;
    let at = 0;
    while (chunk.length - at >= 8) {
      const end = at + 8 + chunk.readUInt32BE(at + 4);
      if (end > chunk.length) break;
      if (chunk[at] === 2) err.push(chunk.toString('utf8', at + 8, end));
      else if (chunk[at] === 1) out.push(chunk.toString('utf8', at + 8, end));
      at = end;
    }
    if (at < chunk.length) rest = chunk.subarray(at);
  };
}
