import { createHash, randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWanProxy, type WanProxy } from '../fixtures/wan-proxy';

let echoServer: Server;
let echoPort: number;
let proxy: WanProxy | undefined;

beforeAll(async () => {
  echoServer = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echoServer.listen(0, '127.0.0.1', resolve));
  echoPort = (echoServer.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => echoServer.close(() => resolve()));
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function readBytes(socket: Socket, count: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= count) {
        socket.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

async function timeOneRoundTrip(socket: Socket): Promise<number> {
  const started = performance.now();
  socket.write('ping');
  await readBytes(socket, 4);
  return performance.now() - started;
}

describe('wan proxy fixture', () => {
  it('adds the configured round-trip time', async () => {
    proxy = await startWanProxy({ targetHost: '127.0.0.1', targetPort: echoPort, rttMs: 100 });
    const socket = await connectTo(proxy.port);
    const elapsed = await timeOneRoundTrip(socket);
    expect(elapsed).toBeGreaterThanOrEqual(100);
    expect(elapsed).toBeLessThan(200);

    proxy.setRtt(20);
    expect(proxy.rttMs).toBe(20);
    const faster = await timeOneRoundTrip(socket);
    expect(faster).toBeGreaterThanOrEqual(20);
    expect(faster).toBeLessThan(100);
    socket.destroy();
  });

  it('preserves byte order for a multi-megabyte transfer', async () => {
    proxy = await startWanProxy({ targetHost: '127.0.0.1', targetPort: echoPort, rttMs: 10 });
    const socket = await connectTo(proxy.port);
    const payload = randomBytes(8 * 1024 * 1024);
    const echoed = readBytes(socket, payload.length);
    // Uneven slices so chunk boundaries on the wire do not line up with what was written.
    for (let offset = 0; offset < payload.length;) {
      const size = 1 + Math.floor(Math.random() * 200_000);
      socket.write(payload.subarray(offset, offset + size));
      offset += size;
    }
    const received = await echoed;
    expect(received.length).toBe(payload.length);
    const digest = (buffer: Buffer): string => createHash('sha256').update(buffer).digest('hex');
    expect(digest(received)).toBe(digest(payload));
    socket.destroy();
  });

  it('caps the bandwidth: 1 MiB at 8 MiB/s takes at least 125 ms and arrives intact and in order', async () => {
    // A server that sends the payload as soon as a client connects: one direction through the link.
    const payload = randomBytes(1024 * 1024);
    const source = createServer((socket) => {
      // Uneven slices, so the link sees chunks of many sizes.
      for (let offset = 0; offset < payload.length;) {
        const size = 1 + Math.floor(Math.random() * 100_000);
        socket.write(payload.subarray(offset, offset + size));
        offset += size;
      }
      socket.end();
    });
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    try {
      const sourcePort = (source.address() as { port: number }).port;
      const bytesPerSecond = 8 * 1024 * 1024;
      proxy = await startWanProxy({ targetHost: '127.0.0.1', targetPort: sourcePort, rttMs: 10, bytesPerSecond });
      expect(proxy.bytesPerSecond).toBe(bytesPerSecond);
      const started = performance.now();
      const socket = await connectTo(proxy.port);
      const received = await readBytes(socket, payload.length);
      const elapsed = performance.now() - started;
      // 125 ms to serialise 1 MiB, plus half the RTT for the last byte to arrive.
      expect(elapsed).toBeGreaterThanOrEqual(125);
      expect(elapsed).toBeLessThan(1000);
      expect(received.length).toBe(payload.length);
      expect(received.equals(payload)).toBe(true);
      socket.destroy();
    } finally {
      await new Promise<void>((resolve) => source.close(() => resolve()));
    }
  });

  it('dropAll() closes the client socket', async () => {
    proxy = await startWanProxy({ targetHost: '127.0.0.1', targetPort: echoPort, rttMs: 10 });
    const socket = await connectTo(proxy.port);
    await timeOneRoundTrip(socket);
    expect(proxy.connectionCount()).toBe(1);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined); // a reset is an acceptable way to learn about the drop
    proxy.dropAll();
    await closed;
    expect(socket.destroyed).toBe(true);
    expect(proxy.connectionCount()).toBe(0);
  });

  it('forgets a connection after a clean close', async () => {
    proxy = await startWanProxy({ targetHost: '127.0.0.1', targetPort: echoPort, rttMs: 10 });
    const socket = await connectTo(proxy.port);
    await timeOneRoundTrip(socket);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.end();
    await closed;
    await expect.poll(() => proxy?.connectionCount()).toBe(0);
  });
});
