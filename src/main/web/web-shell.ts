import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiSession } from '../core/api/api-session';
import type { Core } from '../core/core';
import { packLogBatch } from '../../shared/log-batch';
import { readStaticFile } from './static-files';

export interface WebShellOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token (tests); by default a fresh random one per start. */
  token?: string;
}

export interface WebShell {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'mist_session';
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Serves the renderer and the API on loopback for browsers, when there is no Electron. Only a
 * holder of the random token (in the printed URL, then an HttpOnly cookie) may load the page or open
 * the API socket; Host and Origin are checked so other sites and DNS rebinding cannot reach it.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  let origin = '';
  let allowedHosts: string[] = [];

  const hasToken = (req: http.IncomingMessage, url: URL) =>
    safeEqual(url.searchParams.get('token') ?? '', token) || safeEqual(readCookie(req, COOKIE) ?? '', token);
  const hostAllowed = (req: http.IncomingMessage) => allowedHosts.includes(req.headers.host ?? '');

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (!hostAllowed(req)) return deny(res, 421, 'Unexpected Host header.');
      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
      const isPage = url.pathname === '/' || url.pathname === '/index.html';
      if (isPage && !hasToken(req, url)) {
        return deny(res, 403, 'Open Mist Desktop with the URL (and token) printed when the web shell started.');
      }
      const file = await readStaticFile(options.rendererDir, isPage ? '/index.html' : url.pathname);
      if (!file) return deny(res, 404, 'Not found.');
      res.setHeader('Content-Type', file.contentType);
      setSecurityHeaders(res, origin);
      if (isPage) res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => deny(res, 500, (error as Error).message));
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const originOk = req.headers.origin === undefined || req.headers.origin === origin;
    if (url.pathname !== '/api' || !hostAllowed(req) || !originOk || !hasToken(req, url)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveApi(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;
  allowedHosts = [`${host}:${port}`, `localhost:${port}`];

  return {
    url: `${origin}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveApi(ws: WebSocket, core: Core): void {
  const session = new ApiSession(core.handlers, (message) => {
    // a batch of log lines goes as one compact payload (see log-batch.ts)
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(packLogBatch(message) ?? message));
  });
  ws.on('message', (data) => {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return; // not JSON: ignore, as the session ignores malformed messages
    }
    session.receive(message);
  });
  ws.on('close', () => session.close());
}

function setSecurityHeaders(res: http.ServerResponse, origin: string): void {
  const wsOrigin = origin.replace(/^http/, 'ws');
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; ` +
      `connect-src 'self' ${wsOrigin}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'no-store');
}

function deny(res: http.ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(message);
}

function readCookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
