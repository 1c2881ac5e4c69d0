import { setTimeout as delay } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import { MistError } from '../../../shared/errors';
import { formatDuration } from '../../../shared/format-duration';
import { TRAEFIK_NETWORK } from '../../../shared/traefik-labels';
import { openTcpChannel } from '../ssh/channels';
import type { ServerConnection } from '../ssh/server-connection';
import { tailLogs, type ReadinessCheck } from './container-replace';
import type { PipelineContext } from './deploy-pipeline';

/** One request may take this long before it counts as no answer. */
const ATTEMPT_TIMEOUT_MS = 5_000;
/** A new container that does not answer yet is asked again after this long. */
const RETRY_AFTER_MS = 1_000;
/** The status line is in the first bytes of any answer; more than this without one is not HTTP. */
const MAX_HEAD_BYTES = 16 * 1024;

/** The deploy's health check for the app, when it has one (web and service apps with a path set). */
export function healthCheckFor(ctx: PipelineContext): ReadinessCheck | undefined {
  const { path, timeoutS } = ctx.app.healthCheck;
  if (!path || (ctx.app.type !== 'web' && ctx.app.type !== 'service')) return undefined;
  return httpHealthCheck(ctx.conn, { path, port: ctx.app.port, timeoutS }, ctx.signal);
}

/**
 * A new container passes once a GET of `path` on its port answers 2xx or 3xx. The request goes
 * from the server itself (a `direct-tcpip` channel over the SSH connection to the container's
 * address on traefik-net), so nothing is published and nothing is installed on the server. Asked
 * again every second until `timeoutS`; a container that stops meanwhile fails at once. Throwing
 * makes replaceContainer remove the new container and keep the previous one.
 */
export function httpHealthCheck(
  conn: ServerConnection,
  check: { path: string; port: number; timeoutS: number },
  signal?: AbortSignal,
): ReadinessCheck {
  return async (container, log) => {
    const { path, port, timeoutS } = check;
    const started = Date.now();
    const deadline = started + timeoutS * 1000;
    log(`Health check: GET ${path} on port ${port}, for up to ${timeoutS} s…`);
    let last = 'no answer yet';
    for (;;) {
      if (signal?.aborted) throw new MistError('cancelled', 'The deployment was cancelled.');
      const info = await container.inspect();
      if (!info.State.Running) {
        throw new MistError(
          'docker-error',
          `The new container stopped during its health check (exit code ${info.State.ExitCode}); it was removed, ` +
            `and the one before it, if any, serves on.${await lastOutput(container)}`,
        );
      }
      const address = info.NetworkSettings.Networks?.[TRAEFIK_NETWORK]?.IPAddress;
      if (!address) throw new MistError('docker-error', `The new container has no address on ${TRAEFIK_NETWORK}.`);
      try {
        const remaining = Math.max(1, deadline - Date.now());
        const status = await httpStatus(conn, address, port, path, Math.min(ATTEMPT_TIMEOUT_MS, remaining));
        if (status >= 200 && status < 400) {
          log(`Health check passed: ${path} answered ${status} after ${formatDuration(Date.now() - started)}.`);
          return;
        }
        last = `it answered ${status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() + RETRY_AFTER_MS >= deadline) {
        throw new MistError(
          'docker-error',
          `Health check failed: GET ${path} on port ${port} got no 2xx or 3xx answer within ${timeoutS} s ` +
            `(last: ${last}). The new container was removed; the one before it, if any, serves on.` +
            (await lastOutput(container)),
        );
      }
      await delay(RETRY_AFTER_MS, undefined, signal ? { signal } : {}).catch(() => undefined);
    }
  };
}

/** What the container printed last, for a failed check's message (Kamal #1041: say why). */
async function lastOutput(container: Dockerode.Container): Promise<string> {
  const lines = await tailLogs(container);
  return lines ? ` Its last output:\n${lines}` : '';
}

/** The status code of a GET of `path` at host:port as seen from the server, or an error saying why there is none. */
export async function httpStatus(
  conn: ServerConnection,
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
): Promise<number> {
  let channel;
  try {
    channel = await openTcpChannel(conn, host, port);
  } catch (error) {
    // "connect failed" / "Connection refused" as the server's sshd reports it
    const reason = (error as Error).message.split(': ').pop();
    throw new Error(`no connection to port ${port} (${reason})`);
  }
  return new Promise<number>((resolve, reject) => {
    let head = '';
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      channel.removeAllListeners('data');
      channel.close();
      settle();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no answer within ${formatDuration(timeoutMs)}`))),
      timeoutMs,
    );
    channel.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const lineEnd = head.indexOf('\r\n');
      if (lineEnd === -1 && head.length < MAX_HEAD_BYTES) return;
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})\b/.exec(head.slice(0, lineEnd === -1 ? undefined : lineEnd))?.[1];
      finish(() => (status ? resolve(Number(status)) : reject(new Error('the answer was not HTTP'))));
    });
    channel.once('close', () =>
      finish(() => reject(new Error(head ? 'the answer was not HTTP' : 'the connection closed without an answer'))),
    );
    channel.on('error', (error: Error) => finish(() => reject(error)));
    channel.write(`GET ${path} HTTP/1.0\r\nHost: ${host}:${port}\r\nUser-Agent: mist-desktop-health-check\r\n\r\n`);
  });
}
