import { StreamSink } from '../../src/main/core/api/stream-sink';

/** A stream sink that keeps every event sent to it, acknowledging each batch as the renderer does. */
export function collectingSink<T>(): { received: T[]; sink: StreamSink<T> } {
  const received: T[] = [];
  const sink = new StreamSink<T>((events) => {
    received.push(...events);
    sink.acknowledge(events.length);
  });
  return { received, sink };
}
