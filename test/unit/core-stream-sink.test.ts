import { describe, expect, it } from 'vitest';
import { StreamSink } from '../../src/main/core/api/stream-sink';
import { STREAM_BATCH_MAX, STREAM_WINDOW } from '../../src/shared/wire';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A consumer that records every batch and tracks how many events are unacknowledged. */
function recorder() {
  const batches: number[][] = [];
  let acked = 0;
  let maxUnacked = 0;
  const sent = () => batches.reduce((n, b) => n + b.length, 0);
  return {
    batches,
    send: (events: number[]) => {
      batches.push([...events]);
      maxUnacked = Math.max(maxUnacked, sent() - acked);
    },
    all: () => batches.flat(),
    sent,
    noteAck: (count: number) => {
      acked += count;
    },
    get maxUnacked() {
      return maxUnacked;
    },
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('StreamSink batching', () => {
  it('sends nothing synchronously and one batch per tick', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 100, 10);
    for (const n of range(0, 5)) sink.push(n);
    expect(rec.batches).toEqual([]);
    await tick();
    expect(rec.batches).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('events pushed in different ticks go in different batches', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 100, 10);
    sink.push(0);
    sink.push(1);
    await tick();
    sink.push(2);
    await tick();
    expect(rec.batches).toEqual([[0, 1], [2]]);
  });

  it('caps a batch at batchMax and keeps order across batches', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 100, 4);
    for (const n of range(0, 10)) sink.push(n);
    await tick();
    expect(rec.batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(rec.all()).toEqual(range(0, 10));
  });

  it('uses the wire constants by default', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send);
    for (const n of range(0, STREAM_WINDOW + 10)) sink.push(n);
    await tick();
    expect(Math.max(...rec.batches.map((b) => b.length))).toBe(STREAM_BATCH_MAX);
    expect(rec.sent()).toBe(STREAM_WINDOW);
  });
});

describe('StreamSink window', () => {
  it('never has more than `window` events unacknowledged', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 5, 3);
    for (const n of range(0, 12)) sink.push(n);
    await tick();
    await tick();
    expect(rec.sent()).toBe(5);
    expect(rec.batches).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);

    // An acknowledgement makes room for exactly that many, sent at once.
    rec.noteAck(2);
    sink.acknowledge(2);
    expect(rec.sent()).toBe(7);
    expect(rec.batches.at(-1)).toEqual([5, 6]);

    while (rec.sent() < 12) {
      rec.noteAck(1);
      sink.acknowledge(1);
    }
    await tick();
    expect(rec.all()).toEqual(range(0, 12));
    expect(rec.maxUnacked).toBe(5);
  });

  it('ignores over-acknowledgement (never goes negative and lets more than window through)', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 3, 10);
    sink.acknowledge(100);
    for (const n of range(0, 10)) sink.push(n);
    await tick();
    expect(rec.sent()).toBe(3);
  });
});

describe('StreamSink back-pressure', () => {
  it('push returns false once buffered + unacknowledged reaches the window', () => {
    const sink = new StreamSink<number>(() => {}, 5, 10);
    expect([0, 1, 2, 3].map((n) => sink.push(n))).toEqual([true, true, true, true]);
    expect(sink.push(4)).toBe(false);
    expect(sink.push(5)).toBe(false);
  });

  it('onDrain fires only after acknowledgements bring it under the window, and only once', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 5, 10);
    let drains = 0;
    for (const n of range(0, 8)) sink.push(n);
    sink.onDrain(() => drains++);
    await tick();
    expect(rec.sent()).toBe(5);

    sink.acknowledge(1); // sends one more: 5 unacked + 2 buffered, still at/above the window
    expect(drains).toBe(0);

    sink.acknowledge(5); // sends the last 2: 2 unacked, 0 buffered
    expect(rec.all()).toEqual(range(0, 8));
    expect(drains).toBe(1);

    sink.acknowledge(2);
    expect(drains).toBe(1);
  });

  it('a producer that honours push/onDrain delivers everything in order without drops', async () => {
    const rec = recorder();
    const total = 2_000;
    const sink = new StreamSink<number>(
      (events) => {
        rec.send(events);
        // The consumer acknowledges each batch a little later, like a real peer.
        setTimeout(() => {
          rec.noteAck(events.length);
          sink.acknowledge(events.length);
        }, 0);
      },
      64,
      16,
    );
    let next = 0;
    await new Promise<void>((done) => {
      const produce = () => {
        while (next < total) {
          if (!sink.push(next++)) {
            sink.onDrain(produce);
            return;
          }
        }
        done();
      };
      produce();
    });
    while (rec.sent() < total) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(rec.all()).toEqual(range(0, total));
    expect(sink.dropped).toBe(0);
    expect(rec.maxUnacked).toBeLessThanOrEqual(64);
    expect(Math.max(...rec.batches.map((b) => b.length))).toBeLessThanOrEqual(16);
  });
});

describe('StreamSink bounded buffer', () => {
  it('drops the oldest buffered events past the cap and counts them', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 2, 10, 5);
    for (const n of range(0, 10)) sink.push(n);
    expect(sink.dropped).toBe(5);
    await tick();
    expect(rec.all()).toEqual([5, 6]);
    sink.acknowledge(2);
    sink.acknowledge(2);
    sink.acknowledge(2);
    expect(rec.all()).toEqual([5, 6, 7, 8, 9]);
    expect(sink.dropped).toBe(5);
  });

  it('never drops events already sent (only the unsent buffer is bounded)', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 3, 10, 3);
    for (const n of range(0, 3)) sink.push(n);
    await tick();
    expect(rec.all()).toEqual([0, 1, 2]);
    for (const n of range(3, 8)) sink.push(n);
    expect(sink.dropped).toBe(2);
    sink.acknowledge(3);
    expect(rec.all()).toEqual([0, 1, 2, 5, 6, 7]);
  });
});

describe('StreamSink end', () => {
  it('flushes what is buffered at once, without waiting for a tick', () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 100, 2);
    for (const n of range(0, 5)) sink.push(n);
    expect(sink.isEnded).toBe(false);
    sink.end();
    expect(sink.isEnded).toBe(true);
    expect(rec.batches).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('refuses pushes after end and sends nothing more', async () => {
    const rec = recorder();
    const sink = new StreamSink<number>(rec.send, 100, 10);
    sink.push(1);
    sink.end();
    expect(sink.push(2)).toBe(false);
    await tick();
    await tick();
    expect(rec.all()).toEqual([1]);
  });
});
