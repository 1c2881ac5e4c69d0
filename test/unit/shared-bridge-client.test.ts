import { describe, expect, it, vi } from 'vitest';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import { ApiSession } from '../../src/main/core/api/api-session';
import type { StreamSink } from '../../src/main/core/api/stream-sink';
import { createBridgeClient, unwrapOutcome, type MessagePipe } from '../../src/shared/bridge-client';
import type { ConnectionStateDto } from '../../src/shared/dto/server';
import { MistError, type MistErrorShape } from '../../src/shared/errors';
import { typedApi } from '../../src/shared/typed-api';
import { STREAM_WINDOW, type ClientMessage, type ServerMessage } from '../../src/shared/wire';

/**
 * A real ApiSession behind an in-memory pipe. Every message is structured-cloned and delivered on a
 * later turn of the event loop, as IPC or a WebSocket would.
 */
function connect(handlers: Record<string, unknown>) {
  let listener: (message: ServerMessage) => void = () => {};
  const toServer: ClientMessage[] = [];
  const toClient: ServerMessage[] = [];
  const logs: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const session = new ApiSession(
    handlers as unknown as ApiHandlers,
    (message) => {
      toClient.push(message);
      if (message.type === 'batch') {
        inFlight += message.events.length;
        maxInFlight = Math.max(maxInFlight, inFlight);
      }
      const copy = structuredClone(message);
      setImmediate(() => listener(copy));
    },
    (message) => logs.push(message),
  );
  const pipe: MessagePipe = {
    send(message) {
      toServer.push(message);
      if (message.type === 'ack') inFlight -= message.count;
      const copy = structuredClone(message);
      setImmediate(() => session.receive(copy));
    },
    onMessage(l) {
      listener = l;
    },
  };
  const bridge = createBridgeClient(pipe);
  return {
    session,
    bridge,
    api: typedApi(bridge),
    toServer,
    toClient,
    logs,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const asState = (n: number) => n as unknown as ConnectionStateDto;
const asNumbers = (events: ConnectionStateDto[]) => events as unknown as number[];

describe('calls over the bridge', () => {
  it('round-trips a call: input validated in the session, value back to the caller', async () => {
    const get = vi.fn((input: { id: string }) => ({ id: input.id, name: 'web-1' }));
    const c = connect({ 'servers.get': get });
    const server = await c.api.call('servers.get', { id: 'srv1' });
    expect(server).toEqual({ id: 'srv1', name: 'web-1' });
    expect(get).toHaveBeenCalledWith({ id: 'srv1' });
    expect(c.toServer).toEqual([{ type: 'call', id: 1, channel: 'servers.get', input: { id: 'srv1' } }]);
  });

  it('a handler MistError becomes a thrown MistError with its code, message and details', async () => {
    const c = connect({
      'servers.connect': () => {
        throw new MistError('host-key-changed', 'Key changed for web-1', {
          expected: 'SHA256:a',
          presented: 'SHA256:b',
        });
      },
    });
    const error = await c.api.call('servers.connect', { id: 'srv1' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MistError);
    expect(error).toMatchObject({
      code: 'host-key-changed',
      message: 'Key changed for web-1',
      details: { expected: 'SHA256:a', presented: 'SHA256:b' },
    });
  });

  it('invalid input and unexpected errors arrive as invalid-input and internal', async () => {
    const c = connect({
      'servers.get': () => ({}),
      'servers.list': () => {
        throw new Error('boom');
      },
    });
    await expect(c.api.call('servers.get', { id: 'not an id!' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(c.api.call('servers.list', {})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('boom'),
    });
    await expect(c.api.call('servers.list', {})).rejects.toBeInstanceOf(MistError);
  });

  it('matches concurrent results to their calls', async () => {
    const c = connect({
      'servers.get': async (input: { id: string }) => {
        await new Promise((resolve) => setTimeout(resolve, input.id === 'slow' ? 30 : 1));
        return { id: input.id };
      },
    });
    const [slow, fast] = await Promise.all([
      c.api.call('servers.get', { id: 'slow' }),
      c.api.call('servers.get', { id: 'fast' }),
    ]);
    expect(slow).toEqual({ id: 'slow' });
    expect(fast).toEqual({ id: 'fast' });
  });
});

describe('streams over the bridge', () => {
  it('delivers every event in order when the producer honours back-pressure, never exceeding the window', async () => {
    const total = STREAM_WINDOW * 2 + 1234;
    let produced = 0;
    let pauses = 0;
    const c = connect({
      'connections.watch': (_input: unknown, sink: StreamSink<ConnectionStateDto>) => {
        const produce = () => {
          while (produced < total) {
            if (!sink.push(asState(produced++))) {
              pauses++;
              sink.onDrain(produce);
              return;
            }
          }
        };
        produce();
        return () => {};
      },
    });
    const received: number[] = [];
    c.api.watch('connections.watch', {}, (events) => received.push(...asNumbers(events)));
    await until(() => received.length >= total);
    expect(received).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(pauses).toBeGreaterThan(0);
    expect(c.maxInFlight).toBeLessThanOrEqual(STREAM_WINDOW);
    // Every delivered batch was acknowledged with exactly its size.
    const batchSizes = c.toClient.flatMap((m) => (m.type === 'batch' ? [m.events.length] : []));
    const ackCounts = c.toServer.flatMap((m) => (m.type === 'ack' ? [m.count] : []));
    expect(ackCounts).toEqual(batchSizes);
    expect(ackCounts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('delivers everything in order even when the producer ignores back-pressure (within the buffer bound)', async () => {
    const total = STREAM_WINDOW * 3;
    let sinkRef: StreamSink<ConnectionStateDto> | undefined;
    const c = connect({
      'connections.watch': (_input: unknown, sink: StreamSink<ConnectionStateDto>) => {
        sinkRef = sink;
        for (let i = 0; i < total; i++) sink.push(asState(i));
        return () => {};
      },
    });
    const received: number[] = [];
    c.api.watch('connections.watch', {}, (events) => received.push(...asNumbers(events)));
    await until(() => received.length >= total);
    expect(received).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(sinkRef!.dropped).toBe(0);
    expect(c.maxInFlight).toBeLessThanOrEqual(STREAM_WINDOW);
  });

  it('stopping the watch unsubscribes: the handler stops and nothing more is delivered', async () => {
    const stop = vi.fn();
    let sinkRef: StreamSink<ConnectionStateDto> | undefined;
    const c = connect({
      'connections.watch': (_input: unknown, sink: StreamSink<ConnectionStateDto>) => {
        sinkRef = sink;
        return stop;
      },
    });
    const received: number[] = [];
    const unwatch = c.api.watch('connections.watch', {}, (events) => received.push(...asNumbers(events)));
    await until(() => sinkRef !== undefined);
    sinkRef!.push(asState(1));
    await until(() => received.length === 1);
    unwatch();
    unwatch();
    await until(() => stop.mock.calls.length === 1);
    expect(c.toServer.filter((m) => m.type === 'unsubscribe')).toHaveLength(1);
    sinkRef!.push(asState(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([1]);
    expect(sinkRef!.isEnded).toBe(true);
  });

  it('a refused subscription ends with its error', async () => {
    const c = connect({ 'connections.watch': () => () => {} });
    const ended: Array<MistErrorShape | null> = [];
    c.api.watch(
      'connections.watch',
      { unexpected: true } as never,
      () => {},
      (error) => ended.push(error),
    );
    await until(() => ended.length === 1);
    expect(ended[0]).toMatchObject({ code: 'invalid-input' });
  });
});

describe('createBridgeClient with a bare pipe', () => {
  function fakePipe() {
    const sent: ClientMessage[] = [];
    let deliver: (message: ServerMessage) => void = () => {};
    const pipe: MessagePipe = {
      send: (m) => sent.push(m),
      onMessage: (l) => {
        deliver = l;
      },
    };
    return { pipe, sent, deliver: (m: ServerMessage) => deliver(m) };
  }

  it('acknowledges a batch even when the listener throws', () => {
    const p = fakePipe();
    const bridge = createBridgeClient(p.pipe);
    bridge.subscribe(
      'connections.watch',
      {},
      () => {
        throw new Error('listener bug');
      },
      () => {},
    );
    const id = p.sent[0]!.id;
    expect(() => p.deliver({ type: 'batch', id, events: [1, 2, 3] })).toThrow('listener bug');
    expect(p.sent.at(-1)).toEqual({ type: 'ack', id, count: 3 });
  });

  it('ignores results and batches for ids it does not know, and does not ack them', () => {
    const p = fakePipe();
    createBridgeClient(p.pipe);
    expect(() => p.deliver({ type: 'result', id: 99, ok: true, value: 1 })).not.toThrow();
    expect(() => p.deliver({ type: 'batch', id: 99, events: [1] })).not.toThrow();
    expect(p.sent).toEqual([]);
  });

  it('uses a fresh id for every call and subscription', () => {
    const p = fakePipe();
    const bridge = createBridgeClient(p.pipe);
    void bridge.invoke('servers.list', {});
    bridge.subscribe(
      'connections.watch',
      {},
      () => {},
      () => {},
    );
    void bridge.invoke('servers.list', {});
    const ids = p.sent.map((m) => m.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('an end message stops delivery to that stream', () => {
    const p = fakePipe();
    const bridge = createBridgeClient(p.pipe);
    const events: unknown[] = [];
    const ends: Array<MistErrorShape | null> = [];
    bridge.subscribe(
      'connections.watch',
      {},
      (e) => events.push(...e),
      (e) => ends.push(e),
    );
    const id = p.sent[0]!.id;
    p.deliver({ type: 'end', id, error: null });
    p.deliver({ type: 'batch', id, events: ['late'] });
    expect(ends).toEqual([null]);
    expect(events).toEqual([]);
  });
});

describe('unwrapOutcome', () => {
  it('returns the value of an ok outcome', () => {
    expect(unwrapOutcome<number>({ ok: true, value: 5 })).toBe(5);
  });

  it('throws a MistError rebuilt from the shape', () => {
    let thrown: unknown;
    try {
      unwrapOutcome({ ok: false, error: { code: 'not-found', message: 'gone', details: { id: 'x' } } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MistError);
    expect(thrown).toMatchObject({ code: 'not-found', message: 'gone', details: { id: 'x' } });
  });
});
