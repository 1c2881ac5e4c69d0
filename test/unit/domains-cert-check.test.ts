import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  connect,
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
  type Socket,
} from 'node:net';
import { join } from 'node:path';
import { createSecureContext, createServer, type SecureContext, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCertificate } from '../../src/main/core/domains/cert-check';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';

const DAY_MS = 24 * 60 * 60 * 1000;

interface KeyPair {
  key: string;
  cert: string;
}

let dir: TempDir;
let caCert: string;
let server: Server;
let port: number;
const requestedNames: string[] = [];

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir.path, stdio: ['ignore', 'ignore', 'pipe'] });
}

function read(name: string): string {
  return readFileSync(join(dir.path, name), 'utf8');
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function selfSigned(name: string, subject: string, days: number): KeyPair {
  openssl(
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    String(days),
    '-subj',
    subject,
  );
  return { key: read(`${name}.key`), cert: read(`${name}.crt`) };
}

function issuedByCa(name: string, host: string, days: number): KeyPair {
  openssl('req', '-new', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${host}`);
  writeFileSync(join(dir.path, `${name}.ext`), `subjectAltName=DNS:${host}\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    String(days),
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.crt`,
  );
  return { key: read(`${name}.key`), cert: read(`${name}.crt`) };
}

function listen(tcpServer: TcpServer | Server): Promise<number> {
  return new Promise((resolve) =>
    tcpServer.listen(0, '127.0.0.1', () => resolve((tcpServer.address() as AddressInfo).port)),
  );
}

function close(tcpServer: TcpServer | Server | undefined): Promise<void> {
  return new Promise((resolve) => (tcpServer ? tcpServer.close(() => resolve()) : resolve()));
}

const openLocal = (targetPort: number) => () => Promise.resolve(connect(targetPort, '127.0.0.1'));

beforeAll(async () => {
  dir = makeTempDir('mist-cert-check-');
  const traefikDefault = selfSigned('default', '/CN=TRAEFIK DEFAULT CERT', 365);
  const expired = selfSigned('expired', '/O=Old Issuer/CN=expired.example.test', 1);
  selfSigned('ca', '/O=Mist Test CA/CN=Mist Test Root R1', 30);
  caCert = read('ca.crt');
  const app = issuedByCa('app', 'app.example.test', 30);

  const contexts: Record<string, SecureContext> = {
    'app.example.test': createSecureContext(app),
    // a name the certificate does not cover
    'wrong-name.example.test': createSecureContext(app),
    'expired.example.test': createSecureContext(expired),
  };
  // like Traefik: unknown names get the default certificate
  server = createServer({
    ...traefikDefault,
    SNICallback: (name, callback) => {
      requestedNames.push(name);
      callback(null, contexts[name]);
    },
  });
  server.on('tlsClientError', () => {});
  port = await listen(server);
});

afterAll(async () => {
  await close(server);
  dir?.cleanup();
});

describe('checkCertificate against a TLS endpoint the test controls', () => {
  it('reads issuer, subject and expiry of a normal certificate, sending the host as SNI', async () => {
    const status = await checkCertificate('app.example.test', openLocal(port), { ca: caCert });
    expect(status).toMatchObject({
      host: 'app.example.test',
      status: 'ok',
      issuer: 'Mist Test CA (Mist Test Root R1)',
      subject: 'app.example.test',
    });
    const daysLeft = (Date.parse(status.validTo!) - Date.now()) / DAY_MS;
    expect(daysLeft).toBeGreaterThan(28);
    expect(daysLeft).toBeLessThan(31);
    expect(status.message).toMatch(/issued by Mist Test CA \(Mist Test Root R1\), valid until \d{4}-\d\d-\d\d\.$/);
    expect(status.message).not.toMatch(/Warning/);
    expect(requestedNames).toContain('app.example.test');
  });

  it('says when this computer does not trust the issuer', async () => {
    const status = await checkCertificate('app.example.test', openLocal(port));
    expect(status.status).toBe('ok');
    expect(status.message).toMatch(/Warning: this computer does not trust it \(.+\)/);
  });

  it('warns when the certificate expires within 14 days', async () => {
    const now = new Date(Date.now() + 20 * DAY_MS);
    const status = await checkCertificate('app.example.test', openLocal(port), { now, ca: caCert });
    expect(status.status).toBe('ok');
    expect(status.message).toMatch(/Warning: it expires in (9|10) days/);
    expect(status.checkedAt).toBe(now.toISOString());
  });

  it('warns when the certificate does not cover the host name', async () => {
    const status = await checkCertificate('wrong-name.example.test', openLocal(port), { ca: caCert });
    expect(status.status).toBe('ok');
    expect(status.message).toMatch(/Warning: it does not cover wrong-name\.example\.test/);
  });

  it("recognizes Traefik's default certificate and says Let's Encrypt has not issued one yet", async () => {
    const status = await checkCertificate('unknown.example.test', openLocal(port));
    expect(status).toMatchObject({
      status: 'default-certificate',
      subject: 'TRAEFIK DEFAULT CERT',
      issuer: 'TRAEFIK DEFAULT CERT',
    });
    expect(status.message).toMatch(/Let's Encrypt has not issued a certificate yet/);
    expect(status.message).toMatch(/DNS/);
    expect(status.message).toMatch(/port 80/);
    expect(status.message).toMatch(/rate limits/);
  });

  it('reports an expired certificate', async () => {
    const now = new Date(Date.now() + 2 * DAY_MS);
    const status = await checkCertificate('expired.example.test', openLocal(port), { now });
    expect(status).toMatchObject({
      status: 'expired',
      subject: 'expired.example.test',
      issuer: 'Old Issuer (expired.example.test)',
    });
    expect(Date.parse(status.validTo!)).toBeLessThan(now.getTime());
    expect(status.message).toMatch(/expired on \d{4}-\d\d-\d\d/);
    // the same certificate, judged today, is still fine
    await expect(checkCertificate('expired.example.test', openLocal(port))).resolves.toMatchObject({ status: 'ok' });
  });
});

describe('checkCertificate when TLS fails', () => {
  let silent: TcpServer;
  let plain: TcpServer;
  let silentPort: number;
  let plainPort: number;

  const accepted = new Set<Socket>();
  const track = (socket: Socket): void => {
    accepted.add(socket);
    socket.on('close', () => accepted.delete(socket));
  };

  beforeAll(async () => {
    silent = createTcpServer(track); // accepts, never answers
    plain = createTcpServer((socket) => {
      track(socket);
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    silentPort = await listen(silent);
    plainPort = await listen(plain);
  });
  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    await Promise.all([close(silent), close(plain)]);
  });

  it('is unreachable when the port is closed', async () => {
    const probe = createTcpServer();
    const freed = await listen(probe); // a port that was ours a moment ago, now closed
    await close(probe);
    const status = await checkCertificate('app.example.test', openLocal(freed));
    expect(status).toMatchObject({ status: 'unreachable', issuer: null, subject: null, validTo: null });
    expect(status.message).toMatch(/ECONNREFUSED/);
  });

  it('is unreachable with a timeout when nothing answers', async () => {
    const started = Date.now();
    const status = await checkCertificate('app.example.test', openLocal(silentPort), { timeoutMs: 300 });
    expect(status.status).toBe('unreachable');
    expect(status.message).toMatch(/no TLS answer within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('times out when opening the socket itself hangs', async () => {
    const status = await checkCertificate('app.example.test', () => new Promise(() => {}), { timeoutMs: 200 });
    expect(status.status).toBe('unreachable');
    expect(status.message).toMatch(/no TLS answer within 0\.2 s/);
  });

  it('is unreachable when the port does not speak TLS', async () => {
    const status = await checkCertificate('app.example.test', openLocal(plainPort));
    expect(status.status).toBe('unreachable');
    expect(status.message).toMatch(/TLS handshake failed|closed before the TLS handshake/);
  });

  it('passes on the reason when the socket cannot be opened', async () => {
    const status = await checkCertificate('app.example.test', () =>
      Promise.reject(new Error('The jump host could not reach 127.0.0.1:443: Connection refused')),
    );
    expect(status.status).toBe('unreachable');
    expect(status.message).toMatch(/could not reach 127\.0\.0\.1:443: Connection refused/);
  });
});
