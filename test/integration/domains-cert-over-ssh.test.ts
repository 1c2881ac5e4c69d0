import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { createSecureContext, createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkCertificate } from '../../src/main/core/domains/cert-check';
import { openTcpChannel } from '../../src/main/core/ssh/channels';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';

/** The process owning the local end of a loopback TCP connection, as `ss` reports it. */
function processOfLocalPort(port: number): string {
  return execFileSync('ss', ['-Htnp', 'state', 'established', 'src', `127.0.0.1:${port}`], { encoding: 'utf8' });
}

describeIntegration(
  'certificate check: TLS with SNI to the server through its SSH connection',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let sshd: TestSshd;
    let core: TestCore;
    let dir: TempDir;
    let tlsServer: Server;
    let tlsPort: number;
    /** For each TCP connection the TLS server accepted: which process opened it. */
    const peers: string[] = [];

    beforeAll(async () => {
      dir = makeTempDir('mist-cert-ssh-');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          'app.key',
          '-out',
          'app.crt',
          '-days',
          '30',
          '-subj',
          '/O=Mist Test CA/CN=app.example.test',
          '-addext',
          'subjectAltName=DNS:app.example.test',
        ],
        { cwd: dir.path, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          'default.key',
          '-out',
          'default.crt',
          '-days',
          '365',
          '-subj',
          '/CN=TRAEFIK DEFAULT CERT',
        ],
        { cwd: dir.path, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      const app = { key: readFileSync(join(dir.path, 'app.key')), cert: readFileSync(join(dir.path, 'app.crt')) };
      const fallback = {
        key: readFileSync(join(dir.path, 'default.key')),
        cert: readFileSync(join(dir.path, 'default.crt')),
      };
      const appContext = createSecureContext(app);
      tlsServer = createServer({
        ...fallback,
        SNICallback: (name, callback) => callback(null, name === 'app.example.test' ? appContext : undefined),
      });
      // runs while the client waits for the handshake, so the connection is certainly still open
      tlsServer.on('connection', (socket: Socket) => peers.push(processOfLocalPort(socket.remotePort!)));
      tlsServer.on('tlsClientError', () => {});
      // this machine is the test server: its 127.0.0.1 is the server's loopback
      await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', () => resolve()));
      tlsPort = (tlsServer.address() as AddressInfo).port;

      sshd = await startTestSshd();
      core = await createTestCore();
    });

    afterAll(async () => {
      await core?.dispose();
      await sshd?.stop();
      await new Promise<void>((resolve) => (tlsServer ? tlsServer.close(() => resolve()) : resolve()));
      dir?.cleanup();
    });

    it('fetches the certificate over a direct-tcpip channel of the one SSH connection', async () => {
      const server = await core.servers.add(serverInput(sshd));
      const conn = core.pool.connection(server.id);
      const channels: Duplex[] = [];
      const openSocket = async (): Promise<Duplex> => {
        const channel = await openTcpChannel(conn, '127.0.0.1', tlsPort);
        channels.push(channel);
        return channel;
      };

      const status = await checkCertificate('app.example.test', openSocket);
      expect(status).toMatchObject({
        host: 'app.example.test',
        status: 'ok',
        issuer: 'Mist Test CA (app.example.test)',
        subject: 'app.example.test',
      });
      expect(status.validTo).not.toBeNull();

      const fallback = await checkCertificate('not-issued.example.test', openSocket);
      expect(fallback.status).toBe('default-certificate');
      expect(fallback.message).toMatch(/Let's Encrypt has not issued a certificate yet/);

      // the TLS server was reached by sshd (forwarding for us), not by this process directly
      expect(peers).toHaveLength(2);
      for (const peer of peers) expect(peer).toMatch(/"sshd[^"]*"/);
      expect(peers.join('\n')).not.toContain(`pid=${process.pid},`);
      // the socket really was an SSH channel, and the check closed it afterwards
      expect(channels).toHaveLength(2);
      for (const channel of channels) expect(channel.constructor.name).toBe('Channel');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(conn.busyChannels).toBe(0);
    });

    it('is unreachable, with the SSH reason, when nothing listens on the server port', async () => {
      const server = core.servers.list()[0]!;
      const closedPort = await new Promise<number>((resolve) => {
        const probe = createServer();
        probe.listen(0, '127.0.0.1', () => {
          const port = (probe.address() as AddressInfo).port;
          probe.close(() => resolve(port));
        });
      });
      const status = await checkCertificate('app.example.test', () =>
        openTcpChannel(core.pool.connection(server.id), '127.0.0.1', closedPort),
      );
      expect(status.status).toBe('unreachable');
      expect(status.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${closedPort}`));
    });
  },
);
