import { STREAM_BATCH_MAX, STREAM_WINDOW } from '../../../shared/wire';

/**
 * The producer's side of a flow-controlled stream. Events are batched (one batch per tick, at most
 * STREAM_BATCH_MAX) and sent only while fewer than STREAM_WINDOW are unacknowledged. `push`
 * returns false once the producer should pause; `onDrain` says when to resume. If a producer
 * ignores that, the oldest buffered events are dropped (and counted) so memory stays bounded.
 */
export class StreamSink<E> {
  private buffer: E[] = [];
  private unacked = 0;
  private flushScheduled = false;
  private drainListeners: Array<() => void> = [];
  private ended = false;
  dropped = 0;

  constructor(
    private readonly sendBatch: (events: E[]) => void,
    private readonly window = STREAM_WINDOW,
    private readonly batchMax = STREAM_BATCH_MAX,
    private readonly bufferCap = STREAM_WINDOW * 4,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  /** Queues an event; false means "pause until onDrain". */
  push(event: E): boolean {
    if (this.ended) return false;
    this.buffer.push(event);
    if (this.buffer.length > this.bufferCap) {
      this.buffer.shift();
      this.dropped += 1;
    }
    this.scheduleFlush();
    return this.buffer.length + this.unacked < this.window;
  }

  onDrain(listener: () => void): void {
    this.drainListeners.push(listener);
  }

  acknowledge(count: number): void {
    this.unacked = Math.max(0, this.unacked - count);
    this.flush();
    if (this.buffer.length + this.unacked < this.window) {
      const listeners = this.drainListeners;
      this.drainListeners = [];
      for (const listener of listeners) listener();
    }
  }

  /** Sends whatever is buffered and marks the sink ended. */
  end(): void {
    this.flush();
    this.ended = true;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.buffer.length > 0 && this.unacked < this.window) {
      const room = Math.min(this.batchMax, this.window - this.unacked);
      const batch = this.buffer.splice(0, room);
      this.unacked += batch.length;
      this.sendBatch(batch);
    }
  }
}
