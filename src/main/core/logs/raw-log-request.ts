import type { Duplex, Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { SshDockerAgent } from '../docker/ssh-docker-agent';

/** The query of a log read: Docker's `/containers/{id}/logs` parameters. */
export type LogQuery = Record<string, string | number | boolean>;

/** A followed log's body (Docker's multiplexed frames, or raw for a TTY), with the answer's headers. */
export type LogBody = Readable & { headers?: Record<string, string | undefined> };

/** How much of an answer may come before its headers end. */
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * Opens a followed container log. Docker writes (and flushes) a log stream a line at a time, so
 * over HTTP/1.1 every line is a chunk of its own, and Node's HTTP parser, one callback per chunk,
 * becomes the dearest part of a flood. Over an SSH server connection the request is therefore sent
 * as HTTP/1.0, which Docker answers with a plain body that ends when it closes the connection: the
 * bytes reach the demultiplexer as they arrive. Any other client (a local socket) asks dockerode.
 */
export async function openFollowedLog(container: Dockerode.Container, query: LogQuery): Promise<LogBody> {
  const agent = (container as unknown as { modem?: { agent?: unknown } }).modem?.agent;
  if (!(agent instanceof SshDockerAgent))
    return (await container.logs({ ...query, follow: true } as never)) as unknown as LogBody;
  const search = new URLSearchParams(
    Object.entries({ ...query, follow: true }).map(([key, value]): [string, string] => [key, String(value)]),
  );
  return requestHttp10(await agent.openUnpooled(), `/containers/${encodeURIComponent(container.id)}/logs?${search}`);
}

/**
 * Sends a GET as HTTP/1.0 on a fresh connection and resolves, once the headers are in, with the
 * connection itself as the body (paused: the reader resumes it), or rejects with Docker's message
 * and status code (as dockerode's errors carry them) for an answer other than 200.
 */
export function requestHttp10(socket: Duplex, path: string): Promise<LogBody> {
  return new Promise((resolve, reject) => {
    let head: Buffer = Buffer.alloc(0);
    const fail = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const ended = () => fail(new Error('Docker closed the connection before answering the log request.'));
    const onData = (chunk: Buffer) => {
      head = head.length ? Buffer.concat([head, chunk]) : chunk;
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_HEAD_BYTES) fail(new Error('Docker answered the log request with no end of headers.'));
        return;
      }
      cleanup();
      socket.pause();
      const { status, headers } = parseHead(head.subarray(0, end).toString('latin1'));
      const rest = head.subarray(end + 4);
      if (status === 200) {
        if (rest.length > 0) socket.unshift(rest);
        return resolve(Object.assign(socket, { headers }));
      }
      void readAll(socket, rest).then((body) => reject(dockerError(status, body)), reject);
    };
    function cleanup() {
      socket.off('data', onData);
      socket.off('error', fail);
      socket.off('end', ended);
    }
    socket.on('data', onData);
    socket.once('error', fail);
    socket.once('end', ended);
    socket.write(`GET ${path} HTTP/1.0\r\nHost: docker\r\n\r\n`);
  });
}

function parseHead(text: string): { status: number; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers };
}

function readAll(socket: Duplex, first: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts = [first];
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    socket.once('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    socket.once('error', reject);
    socket.resume();
  });
}

/** Docker's error answer (`{"message": …}`) as an error like dockerode's: `(HTTP code 404) message`, with statusCode. */
function dockerError(status: number, body: string): Error & { statusCode: number } {
  let message = body.trim();
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? message;
  } catch {
    // not JSON: the text as it came
  }
  return Object.assign(new Error(`(HTTP code ${status || 'unknown'}) ${message}`), { statusCode: status });
}
