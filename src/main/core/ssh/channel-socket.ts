import type { Duplex } from 'node:stream';

/**
 * Node's http client and Agent treat a connection as a net.Socket and call a few socket-only
 * methods on it. An SSH channel is a plain Duplex, so it gets harmless stand-ins.
 */
export function asSocketLike<T extends Duplex>(channel: T): T {
  const target = channel as unknown as Record<string, unknown>;
  for (const method of ['setKeepAlive', 'setNoDelay', 'ref', 'unref']) {
    if (typeof target[method] !== 'function') target[method] = () => channel;
  }
  if (typeof target.setTimeout !== 'function') target.setTimeout = () => channel;
  return channel;
}
