import { connect, createServer, type Socket } from 'node:net';
import { startWanProxy, type WanProxy } from '../../test/fixtures/wan-proxy';
import type { Cleanup } from './cleanup';
import { type SampleBudget, summarize, timeSerial, type Summary } from './measure';

/**
 * The floor any request/response over the simulated WAN can reach: one small message through a
 * second WAN proxy (same RTT) to a loopback echo server and back. It includes the proxy's own
 * timer overshoot, so "ours − floor" is what our stack adds on top of the network.
 */
export interface NetworkFloor {
  setRtt(ms: number): void;
  measure(budget: SampleBudget): Promise<Summary>;
}

export async function startNetworkFloor(cleanup: Cleanup): Promise<NetworkFloor> {
  const echo = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    socket.pipe(socket);
  });
  await new Promise<void>((resolve, reject) => {
    echo.once('error', reject);
    echo.listen(0, '127.0.0.1', () => resolve());
  });
  cleanup.add('close echo server', () => new Promise<void>((resolve) => echo.close(() => resolve())));
  const address = echo.address();
  if (address === null || typeof address === 'string') throw new Error('echo server: no TCP address');
  const proxy: WanProxy = await startWanProxy({ targetHost: '127.0.0.1', targetPort: address.port, rttMs: 0 });
  cleanup.add('close floor proxy', () => proxy.close());

  const socket: Socket = connect({ host: '127.0.0.1', port: proxy.port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined); // a failure surfaces as a round trip that never completes
  cleanup.add('close floor socket', () => socket.destroy());

  const message = Buffer.alloc(128, 'x');
  const roundTrip = (): Promise<void> =>
    new Promise((resolve) => {
      let received = 0;
      const onData = (chunk: Buffer): void => {
        received += chunk.length;
        if (received < message.length) return;
        socket.off('data', onData);
        resolve();
      };
      socket.on('data', onData);
      socket.write(message);
    });

  return {
    setRtt: (ms) => proxy.setRtt(ms),
    async measure(budget) {
      for (let i = 0; i < 3; i += 1) await roundTrip();
      return summarize(await timeSerial(budget, roundTrip));
    },
  };
}
