import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { ContainerLogLineDto } from '../../../shared/dto/app';
import { LineSplitter } from '../deploy/line-splitter';

export interface LogSource {
  container: Dockerode.Container;
  /** Compose apps: the service the container runs. */
  service?: string;
}

export interface LogOptions {
  tail: number;
  timestamps: boolean;
  /** Keep following (default); false reads what is there and ends. */
  follow?: boolean;
  /** Prefix each line with `service | ` (a combined log of several services). */
  prefix?: boolean;
  signal: AbortSignal;
}

export interface LogFollower {
  /** Flow control: stop reading from Docker (the SSH channel's window closes) until resume. */
  pause(): void;
  resume(): void;
  /** Settles when every source has ended or the signal aborted. */
  done: Promise<void>;
}

const BATCH_MAX = 500;

/**
 * Follows the logs of one or more containers over the Docker API: demultiplexed here (stdout vs
 * stderr), split into lines, and handed to `onLines` in batches (at most one per tick, ≤ 500 lines).
 * Stops cleanly when the signal aborts: every Docker stream is destroyed.
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

  const followOne = async (source: LogSource): Promise<void> => {
    const format = lineFormatter(source.service, options);
    const info = await source.container.inspect();
    const common = { stdout: true, stderr: true, tail: options.tail, timestamps: options.timestamps };
    // dockerode answers a followed log with a stream, else with the whole log as one Buffer
    const result: Readable | Buffer =
      options.follow === false
        ? await source.container.logs({ ...common, follow: false })
        : ((await source.container.logs({ ...common, follow: true })) as Readable);
    const out = new LineSplitter((text) => emit(format('stdout', text)));
    const err = new LineSplitter((text) => emit(format('stderr', text)));
    const demux = info.Config.Tty ? (chunk: Buffer) => out.push(chunk) : frameDemuxer(out, err);
    if (Buffer.isBuffer(result)) {
      demux(result);
    } else {
      if (options.signal.aborted) return void result.destroy();
      streams.add(result);
      if (paused) result.pause();
      await new Promise<void>((resolve) => {
        result.on('data', demux);
        result.once('end', resolve);
        result.once('close', resolve);
        result.once('error', resolve);
      });
      streams.delete(result);
    }
    out.flush();
    err.flush();
  };

  const done = Promise.all(
    sources.map((source) =>
      followOne(source).catch((error: Error) => {
        if (!options.signal.aborted) emit(systemLine(source.service, `Cannot read the log: ${error.message}`));
      }),
    ),
  ).then(() => flush());

  return {
    pause() {
      paused = true;
      for (const stream of streams) stream.pause();
    },
    resume() {
      paused = false;
      for (const stream of streams) stream.resume();
    },
    done,
  };
}

/** A note from Mist Desktop in the log (a source that failed or ended). */
export function systemLine(service: string | undefined, text: string): ContainerLogLineDto {
  return { stream: 'system', text: service ? `${service} | ${text}` : text, ...(service ? { service } : {}) };
}

/** Docker's own timestamp (RFC 3339, nanoseconds) leads the line when asked for. */
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

function lineFormatter(
  service: string | undefined,
  options: Pick<LogOptions, 'prefix' | 'timestamps'>,
): (stream: 'stdout' | 'stderr', raw: string) => ContainerLogLineDto {
  return (stream, raw) => {
    const stamp = options.timestamps ? TIMESTAMP.exec(raw) : null;
    const text = stamp ? raw.slice(stamp[0].length) : raw;
    return {
      stream,
      text: options.prefix && service ? `${service} | ${text}` : text,
      ...(stamp ? { at: stamp[1] } : {}),
      ...(service ? { service } : {}),
    };
  };
}

/**
 * Docker's multiplexed stream (a container without a TTY): frames of an 8-byte header (stream
 * type, 3 zero bytes, big-endian size) and the payload. Frames may span chunks; stdin (0) is ignored.
 */
export function frameDemuxer(
  out: { push(chunk: Buffer): void },
  err: { push(chunk: Buffer): void },
): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 8) {
      const size = buffered.readUInt32BE(4);
      if (buffered.length < 8 + size) break;
      const payload = buffered.subarray(8, 8 + size);
      if (buffered[0] === 2) err.push(payload);
      else if (buffered[0] === 1) out.push(payload);
      buffered = buffered.subarray(8 + size);
    }
  };
}
