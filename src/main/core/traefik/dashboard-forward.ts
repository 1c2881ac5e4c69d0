import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { MistError } from '../../../shared/errors';
import { openTcpChannel } from '../ssh/channels';
import type { ConnectionPool } from '../ssh/connection-pool';
import { DASHBOARD_PORT } from './traefik-command';

export interface DashboardForward {
  url: string;
  close(): void;
}

/** One forward per server and pool, reused until closed. */
const forwards = new WeakMap<ConnectionPool, Map<string, Promise<DashboardForward>>>();

/**
 * "Open Traefik dashboard": a local listener on 127.0.0.1 (random port) whose every connection is a
 * `direct-tcpip` channel, over the server's one SSH connection, to 127.0.0.1:8080 on the server —
 * where Traefik's dashboard listens, published on the loopback only.
 */
export function openDashboardForward(pool: ConnectionPool, serverId: string): Promise<DashboardForward> {
  let perServer = forwards.get(pool);
  if (!perServer) forwards.set(pool, (perServer = new Map()));
  const existing = perServer.get(serverId);
  if (existing) return existing;
  const opening = startForward(pool, serverId, () => perServer.delete(serverId));
  perServer.set(serverId, opening);
  opening.catch(() => perServer.delete(serverId));
  return opening;
}

/** Closes every dashboard forward of the pool (call when the core shuts down). */
export async function closeDashboardForwards(pool: ConnectionPool): Promise<void> {
  const perServer = forwards.get(pool);
  if (!perServer) return;
  const opening = [...perServer.values()];
  perServer.clear();
  for (const forward of await Promise.allSettled(opening)) if (forward.status === 'fulfilled') forward.value.close();
}

async function startForward(pool: ConnectionPool, serverId: string, forget: () => void): Promise<DashboardForward> {
  // probe once, so that a server without Traefik gets a clear error instead of a blank browser tab
  try {
    (await openTcpChannel(pool.connection(serverId), '127.0.0.1', DASHBOARD_PORT)).close();
  } catch (error) {
    if (error instanceof MistError && error.message.startsWith('The SSH connection')) throw error;
    throw new MistError(
      'not-found',
      `Nothing listens on the server's 127.0.0.1:${DASHBOARD_PORT}: is Traefik running? Prepare the server first. ` +
        `(${(error as Error).message})`,
    );
  }
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.pause();
    openTcpChannel(pool.connection(serverId), '127.0.0.1', DASHBOARD_PORT).then(
      (channel) => {
        if (socket.destroyed) return channel.close();
        channel.on('error', () => socket.destroy());
        channel.once('close', () => socket.destroy());
        socket.once('close', () => channel.close());
        socket.pipe(channel).pipe(socket);
        socket.resume();
      },
      () => socket.destroy(), // dashboard not reachable (Traefik not running): the browser sees a closed connection
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(new MistError('internal', `Could not open a local port for the dashboard: ${error.message}`)),
    );
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      let closed = false;
      resolve({
        url: `http://127.0.0.1:${port}/dashboard/`,
        close() {
          if (closed) return;
          closed = true;
          forget();
          server.close();
          for (const socket of sockets) socket.destroy();
        },
      });
    });
  });
}
