import { describe, expect, it, vi } from 'vitest';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import { ApiSession } from '../../src/main/core/api/api-session';
import type { StreamSink } from '../../src/main/core/api/stream-sink';
import { MistError } from '../../src/shared/errors';
import { STREAM_WINDOW, type ServerMessage } from '../../src/shared/wire';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function harness(handlers: Record<string, unknown>) {
  const sent: ServerMessage[] = [];
  const logs: string[] = [];
  const session = new ApiSession(
    handlers as unknown as ApiHandlers,
    (message) => sent.push(message),
    (message) => logs.push(message),
  );
  /** Waits until a message matching `predicate` was sent. */
  async function waitFor(predicate: (m: ServerMessage) => boolean): Promise<ServerMessage> {
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      const found = sent.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    throw new Error(`no matching message; sent: ${JSON.stringify(sent).slice(0, 500)}`);
  }
  const result = (id: number) => waitFor((m) => m.type === 'result' && m.id === id);
  const batches = (id: number) =>
    sent.filter((m): m is Extract<ServerMessage, { type: 'batch' }> => m.type === 'batch' && m.id === id);
  const ends = (id: number) => sent.filter((m) => m.type === 'end' && m.id === id);
  return { session, sent, logs, waitFor, result, batches, ends };
}

const SERVER = { id: 'srv1', name: 'web-1' };

describe('ApiSession calls', () => {
  it('answers a valid call with result ok and the handler value, passing the parsed input', async () => {
    const get = vi.fn((input: { id: string }) => ({ ...SERVER, id: input.id }));
    const h = harness({ 'servers.get': get });
    h.session.receive({ type: 'call', id: 7, channel: 'servers.get', input: { id: 'srv1' } });
    expect(await h.result(7)).toEqual({ type: 'result', id: 7, ok: true, value: SERVER });
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith({ id: 'srv1' });
  });

  it('awaits async handlers', async () => {
    const h = harness({ 'servers.list': async () => [SERVER] });
    h.session.receive({ type: 'call', id: 1, channel: 'servers.list', input: {} });
    expect(await h.result(1)).toMatchObject({ ok: true, value: [SERVER] });
  });

  it('applies schema defaults, and treats a missing input as {}', async () => {
    const info = vi.fn(() => ({ version: '1' }));
    const probe = vi.fn(() => ({}));
    const h = harness({ 'app.info': info, 'servers.probeHostKey': probe });
    h.session.receive({ type: 'call', id: 1, channel: 'app.info', input: undefined });
    h.session.receive({ type: 'call', id: 2, channel: 'servers.probeHostKey', input: { host: ' example.com ' } });
    expect(await h.result(1)).toMatchObject({ ok: true });
    expect(await h.result(2)).toMatchObject({ ok: true });
    expect(info).toHaveBeenCalledWith({});
    expect(probe).toHaveBeenCalledWith({ host: 'example.com', port: 22, proxyJumpServerId: null });
  });

  it('a handler returning undefined answers null', async () => {
    const h = harness({ 'servers.remove': () => undefined });
    h.session.receive({ type: 'call', id: 3, channel: 'servers.remove', input: { id: 'x' } });
    expect(await h.result(3)).toEqual({ type: 'result', id: 3, ok: true, value: null });
  });

  it('refuses invalid input with invalid-input naming the field, without calling the handler', async () => {
    const get = vi.fn();
    const h = harness({ 'servers.get': get });
    h.session.receive({ type: 'call', id: 1, channel: 'servers.get', input: { id: 'has spaces!' } });
    h.session.receive({ type: 'call', id: 2, channel: 'servers.get', input: {} });
    const bad = await h.result(1);
    const missing = await h.result(2);
    for (const message of [bad, missing]) {
      expect(message).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      if (message.type === 'result' && !message.ok) expect(message.error.message).toMatch(/\bid: /);
    }
    expect(get).not.toHaveBeenCalled();
  });

  it('names the nested path of an invalid field (auth.keyPath)', async () => {
    const add = vi.fn();
    const h = harness({ 'servers.add': add });
    h.session.receive({
      type: 'call',
      id: 4,
      channel: 'servers.add',
      input: {
        name: 'web-1',
        host: 'example.com',
        user: 'deploy',
        auth: { kind: 'key', keyPath: 'id_ed25519' },
        hostKey: { fingerprint: 'SHA256:' + 'A'.repeat(43), trust: 'remember' },
      },
    });
    const message = await h.result(4);
    expect(message).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (message.type === 'result' && !message.ok) {
      expect(message.error.message).toContain('auth.keyPath');
      expect(message.error.message).toContain('absolute');
    }
    expect(add).not.toHaveBeenCalled();
  });

  it('refuses extra keys on a strict no-input channel', async () => {
    const h = harness({ 'servers.list': () => [] });
    h.session.receive({ type: 'call', id: 1, channel: 'servers.list', input: { sneaky: true } });
    expect(await h.result(1)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses an unknown channel, an inherited property name, and a stream channel used as a call', async () => {
    const watch = vi.fn(() => () => {});
    const h = harness({ 'connections.watch': watch });
    h.session.receive({ type: 'call', id: 1, channel: 'servers.nope', input: {} });
    h.session.receive({ type: 'call', id: 2, channel: 'toString', input: {} });
    h.session.receive({ type: 'call', id: 3, channel: 'connections.watch', input: {} });
    for (const id of [1, 2, 3]) {
      const message = await h.result(id);
      expect(message).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const first = await h.result(1);
    if (first.type === 'result' && !first.ok) expect(first.error.message).toContain('servers.nope');
    expect(watch).not.toHaveBeenCalled();
  });

  it('ignores malformed messages without throwing or answering, and logs them', async () => {
    const h = harness({ 'servers.list': () => [] });
    const malformed: unknown[] = [
      null,
      undefined,
      'call',
      42,
      [],
      {},
      { type: 'call' },
      { type: 'call', id: -1, channel: 'servers.list', input: {} },
      { type: 'call', id: 1.5, channel: 'servers.list', input: {} },
      { type: 'call', id: '1', channel: 'servers.list', input: {} },
      { type: 'call', id: 1, channel: 'x'.repeat(101), input: {} },
      { type: 'ack', id: 1 },
      { type: 'explode', id: 1 },
    ];
    for (const message of malformed) expect(() => h.session.receive(message)).not.toThrow();
    await tick();
    await tick();
    expect(h.sent).toEqual([]);
    expect(h.logs).toHaveLength(malformed.length);
    expect(h.logs[0]).toMatch(/malformed/);
  });

  it('keeps the code and details of a MistError thrown by a handler (sync or async)', async () => {
    const h = harness({
      'servers.get': () => {
        throw new MistError('not-found', 'No server srv9.', { id: 'srv9' });
      },
      'servers.connect': async () => {
        throw new MistError('host-key-changed', 'Changed!', { expected: 'a', presented: 'b' });
      },
    });
    h.session.receive({ type: 'call', id: 1, channel: 'servers.get', input: { id: 'srv9' } });
    h.session.receive({ type: 'call', id: 2, channel: 'servers.connect', input: { id: 'srv1' } });
    expect(await h.result(1)).toEqual({
      type: 'result',
      id: 1,
      ok: false,
      error: { code: 'not-found', message: 'No server srv9.', details: { id: 'srv9' } },
    });
    expect(await h.result(2)).toEqual({
      type: 'result',
      id: 2,
      ok: false,
      error: { code: 'host-key-changed', message: 'Changed!', details: { expected: 'a', presented: 'b' } },
    });
    expect(h.logs).toEqual([]);
  });

  it('turns a plain Error into internal, naming the channel, and logs the stack', async () => {
    const h = harness({
      'servers.check': () => {
        throw new TypeError('cannot read foo of undefined');
      },
      'servers.list': () => Promise.reject('a bare string'),
    });
    h.session.receive({ type: 'call', id: 1, channel: 'servers.check', input: { id: 'srv1' } });
    h.session.receive({ type: 'call', id: 2, channel: 'servers.list', input: {} });
    const first = await h.result(1);
    expect(first).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (first.type === 'result' && !first.ok) {
      expect(first.error.message).toContain('servers.check');
      expect(first.error.message).toContain('cannot read foo of undefined');
    }
    expect(await h.result(2)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(h.logs.some((l) => l.includes('servers.check') && l.includes('TypeError'))).toBe(true);
  });

  it('answers concurrent calls by id, whatever order they finish in', async () => {
    const h = harness({
      'servers.get': async (input: { id: string }) => {
        await new Promise((resolve) => setTimeout(resolve, input.id === 'slow' ? 20 : 0));
        return { id: input.id };
      },
    });
    h.session.receive({ type: 'call', id: 1, channel: 'servers.get', input: { id: 'slow' } });
    h.session.receive({ type: 'call', id: 2, channel: 'servers.get', input: { id: 'fast' } });
    await h.waitFor((m) => m.type === 'result' && m.id === 1);
    expect(await h.result(1)).toMatchObject({ value: { id: 'slow' } });
    expect(await h.result(2)).toMatchObject({ value: { id: 'fast' } });
    const order = h.sent.filter((m) => m.type === 'result').map((m) => m.id);
    expect(order).toEqual([2, 1]);
  });
});

describe('ApiSession streams', () => {
  function watchHandler() {
    const sinks: StreamSink<unknown>[] = [];
    const stop = vi.fn();
    const handler = vi.fn((_input: unknown, sink: StreamSink<unknown>) => {
      sinks.push(sink);
      return stop;
    });
    return { sinks, stop, handler };
  }

  it('delivers pushed events as batches for the subscription id', async () => {
    const w = watchHandler();
    const h = harness({ 'connections.watch': w.handler });
    h.session.receive({ type: 'subscribe', id: 5, channel: 'connections.watch', input: {} });
    expect(w.handler).toHaveBeenCalledTimes(1);
    expect(w.handler.mock.calls[0]![0]).toEqual({});
    w.sinks[0]!.push({ serverId: 'a' });
    w.sinks[0]!.push({ serverId: 'b' });
    await tick();
    expect(h.batches(5)).toEqual([{ type: 'batch', id: 5, events: [{ serverId: 'a' }, { serverId: 'b' }] }]);
    expect(h.ends(5)).toEqual([]);
  });

  it('sends no more than STREAM_WINDOW unacknowledged events and resumes on ack', async () => {
    const w = watchHandler();
    const h = harness({ 'connections.watch': w.handler });
    h.session.receive({ type: 'subscribe', id: 1, channel: 'connections.watch', input: {} });
    const sink = w.sinks[0]!;
    const total = STREAM_WINDOW + 700;
    for (let i = 0; i < total; i++) sink.push(i);
    await tick();
    await tick();
    const delivered = () => h.batches(1).flatMap((b) => b.events);
    expect(delivered()).toHaveLength(STREAM_WINDOW);

    // Acks for another stream id, or malformed acks, change nothing.
    h.session.receive({ type: 'ack', id: 999, count: 5000 });
    h.session.receive({ type: 'ack', id: 1, count: -5 });
    await tick();
    expect(delivered()).toHaveLength(STREAM_WINDOW);

    h.session.receive({ type: 'ack', id: 1, count: 300 });
    expect(delivered()).toHaveLength(STREAM_WINDOW + 300);
    h.session.receive({ type: 'ack', id: 1, count: 1000 });
    expect(delivered()).toEqual(Array.from({ length: total }, (_, i) => i));
  });

  it('refuses invalid stream input with an end carrying invalid-input', async () => {
    const w = watchHandler();
    const h = harness({ 'connections.watch': w.handler });
    h.session.receive({ type: 'subscribe', id: 2, channel: 'connections.watch', input: { unexpected: 1 } });
    expect(h.ends(2)).toEqual([{ type: 'end', id: 2, error: expect.objectContaining({ code: 'invalid-input' }) }]);
    expect(w.handler).not.toHaveBeenCalled();
  });

  it('refuses subscribing to a call channel or an unknown channel', () => {
    const list = vi.fn(() => []);
    const h = harness({ 'servers.list': list });
    h.session.receive({ type: 'subscribe', id: 1, channel: 'servers.list', input: {} });
    h.session.receive({ type: 'subscribe', id: 2, channel: 'nope.watch', input: {} });
    expect(h.ends(1)).toEqual([{ type: 'end', id: 1, error: expect.objectContaining({ code: 'invalid-input' }) }]);
    expect(h.ends(2)).toEqual([{ type: 'end', id: 2, error: expect.objectContaining({ code: 'invalid-input' }) }]);
    expect(list).not.toHaveBeenCalled();
  });

  it('a stream handler that throws ends the stream with that error', () => {
    const h = harness({
      'connections.watch': () => {
        throw new MistError('keychain-unavailable', 'no keychain');
      },
    });
    h.session.receive({ type: 'subscribe', id: 3, channel: 'connections.watch', input: {} });
    expect(h.ends(3)).toEqual([
      { type: 'end', id: 3, error: { code: 'keychain-unavailable', message: 'no keychain' } },
    ]);
  });

  it('ignores a second subscription with an id in use, leaving the first running and not ended', async () => {
    const w = watchHandler();
    const h = harness({ 'connections.watch': w.handler });
    h.session.receive({ type: 'subscribe', id: 4, channel: 'connections.watch', input: {} });
    h.session.receive({ type: 'subscribe', id: 4, channel: 'connections.watch', input: {} });
    expect(w.handler).toHaveBeenCalledTimes(1);
    expect(h.ends(4)).toEqual([]); // an `end` for id 4 would make the client drop the live stream
    expect(w.stop).not.toHaveBeenCalled();
    w.sinks[0]!.push('still alive');
    await tick();
    expect(h.batches(4).flatMap((b) => b.events)).toEqual(['still alive']);
  });

  it('unsubscribe flushes pending events, calls stop once and sends end(null) last', () => {
    const w = watchHandler();
    const h = harness({ 'connections.watch': w.handler });
    h.session.receive({ type: 'subscribe', id: 6, channel: 'connections.watch', input: {} });
    w.sinks[0]!.push('pending');
    h.session.receive({ type: 'unsubscribe', id: 6 });
    expect(w.stop).toHaveBeenCalledTimes(1);
    expect(w.sinks[0]!.isEnded).toBe(true);
    const forStream = h.sent.filter((m) => m.id === 6);
    expect(forStream).toEqual([
      { type: 'batch', id: 6, events: ['pending'] },
      { type: 'end', id: 6, error: null },
    ]);
    // A second unsubscribe is a no-op.
    h.session.receive({ type: 'unsubscribe', id: 6 });
    expect(w.stop).toHaveBeenCalledTimes(1);
    expect(h.ends(6)).toHaveLength(1);
  });

  it('close() stops every stream and ends each one', () => {
    const w = watchHandler();
    const h = harness({ 'connections.watch': w.handler });
    for (const id of [10, 11, 12])
      h.session.receive({ type: 'subscribe', id, channel: 'connections.watch', input: {} });
    h.session.close();
    expect(w.stop).toHaveBeenCalledTimes(3);
    for (const id of [10, 11, 12]) expect(h.ends(id)).toEqual([{ type: 'end', id, error: null }]);
    expect(w.sinks.every((s) => s.isEnded)).toBe(true);
    // Closing twice does nothing more.
    h.session.close();
    expect(w.stop).toHaveBeenCalledTimes(3);
  });
});
