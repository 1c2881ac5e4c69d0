import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type ConnectConfig } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeIntegration } from '../fixtures/integration';
import { runChecked } from '../fixtures/run-command';
import { fingerprintOfKeyBlob } from '../fixtures/ssh-keys';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir } from '../fixtures/temp-home';
import { startWanProxy } from '../fixtures/wan-proxy';

function connectClient(sshd: TestSshd, auth: Partial<ConnectConfig>): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      host: sshd.host,
      port: sshd.port,
      readyTimeout: 10_000,
      // ssh2 hands over the raw host key blob when no hostHash is set.
      hostVerifier: (key: Buffer) => fingerprintOfKeyBlob(key) === sshd.hostKeyFingerprint,
      ...auth,
    });
  });
}

function exec(client: Client, command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      let code = -1;
      channel.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      channel.on('exit', (exitCode: number | null) => (code = exitCode ?? -1));
      channel.on('close', () => resolve({ code, stdout, stderr }));
    });
  });
}

/** GET /_ping through a stream-local forward to the Docker socket, as the app's transport does. */
function pingDockerThroughSsh(client: Client): Promise<string> {
  return new Promise((resolve, reject) => {
    client.openssh_forwardOutStreamLocal('/var/run/docker.sock', (error, stream) => {
      if (error) return reject(error);
      let response = '';
      stream.on('data', (chunk: Buffer) => (response += chunk.toString()));
      stream.on('close', () => resolve(response));
      stream.end('GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n');
    });
  });
}

describeIntegration('test sshd fixture', ['sshd', 'root'], () => {
  let sshd: TestSshd;
  const clients: Client[] = [];
  const login = async (auth: Partial<ConnectConfig>): Promise<Client> => {
    const client = await connectClient(sshd, auth);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    sshd = await startTestSshd();
  });

  afterAll(async () => {
    for (const client of clients) client.end();
    await sshd?.stop();
  });

  it('reports the fingerprint that ssh-keygen -lf prints', async () => {
    const scratch = makeTempDir('mist-fingerprint');
    try {
      const publicKeyPath = join(scratch.path, 'host.pub');
      writeFileSync(publicKeyPath, `${sshd.hostPublicKeyLine}\n`);
      const printed = await runChecked('ssh-keygen', ['-lf', publicKeyPath]);
      expect(printed.split(' ')[1]).toBe(sshd.hostKeyFingerprint);
      expect(sshd.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    } finally {
      scratch.cleanup();
    }
  });

  it('lets mist in with its key and sees group docker', async () => {
    const client = await login({ username: 'mist', privateKey: readFileSync(sshd.users.docker.privateKeyPath) });
    const groups = await exec(client, 'id -nG');
    expect(groups.code).toBe(0);
    expect(groups.stdout.trim().split(' ')).toContain('docker');
  });

  it('lets mist in with the password', async () => {
    const client = await login({ username: 'mist', password: sshd.users.docker.password, tryKeyboard: false });
    expect((await exec(client, 'id -nG')).stdout).toContain('docker');
  });

  it('lets mist in with the passphrase-protected key', async () => {
    const client = await login({
      username: 'mist',
      privateKey: readFileSync(sshd.encryptedKey.path),
      passphrase: sshd.encryptedKey.passphrase,
    });
    expect((await exec(client, 'whoami')).stdout.trim()).toBe('mist');
  });

  it('reaches the Docker engine through a stream-local forward as mist', async () => {
    const client = await login({ username: 'mist', privateKey: readFileSync(sshd.users.docker.privateKeyPath) });
    const response = await pingDockerThroughSsh(client);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toMatch(/\r\n\r\nOK$/);
  });

  it('keeps mistnogroup out of group docker', async () => {
    const client = await login({
      username: 'mistnogroup',
      privateKey: readFileSync(sshd.users.noGroup.privateKeyPath),
    });
    const groups = await exec(client, 'id -nG');
    expect(groups.code).toBe(0);
    expect(groups.stdout.trim().split(' ')).not.toContain('docker');
  });

  it('gives mistnodocker a shell on a server without Docker', async () => {
    const client = await login({
      username: 'mistnodocker',
      privateKey: readFileSync(sshd.users.noDocker.privateKeyPath),
    });
    expect(await exec(client, 'echo hello')).toMatchObject({ code: 0, stdout: 'hello\n' });
    const socket = await exec(client, 'ls /var/run/docker.sock');
    expect(socket.code).not.toBe(0);
    expect((await exec(client, 'command -v docker')).code).not.toBe(0);
    await expect(pingDockerThroughSsh(client)).rejects.toThrow();
  });

  it('rejects a key that is not authorised, and logs the attempt', async () => {
    const attempt = connectClient(sshd, { username: 'mist', privateKey: readFileSync(sshd.unauthorizedKeyPath) });
    await expect(attempt).rejects.toMatchObject({ level: 'client-authentication' });
    expect(sshd.readLog()).toMatch(/userauth/i);
  });

  it('rejects a host whose fingerprint does not match', async () => {
    const attempt = new Promise<void>((resolve, reject) => {
      const client = new Client();
      client.once('ready', () => {
        client.end();
        resolve();
      });
      client.once('error', reject);
      client.connect({
        host: sshd.host,
        port: sshd.port,
        username: 'mist',
        password: sshd.users.docker.password,
        hostVerifier: () => false,
      });
    });
    await expect(attempt).rejects.toThrow(/verification failed/i);
  });

  it('works behind the WAN proxy, and a proxy drop closes the connection', async () => {
    const proxy = await startWanProxy({ targetHost: sshd.host, targetPort: sshd.port, rttMs: 40 });
    try {
      const behindProxy = { ...sshd, port: proxy.port };
      const client = await connectClient(behindProxy, { username: 'mist', password: sshd.users.docker.password });
      const started = Date.now();
      expect((await exec(client, 'echo via-proxy')).stdout).toBe('via-proxy\n');
      expect(Date.now() - started).toBeGreaterThanOrEqual(40); // at least one round trip
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      client.on('error', () => undefined); // a reset is one way to learn of the drop
      proxy.dropAll();
      await closed;
    } finally {
      await proxy.close();
    }
  });

  it('runs a second instance in parallel that forbids stream-local forwarding', async () => {
    const strict = await startTestSshd({ hostKeyType: 'ecdsa', allowStreamLocalForwarding: false });
    try {
      expect(strict.port).not.toBe(sshd.port);
      expect(strict.hostPublicKeyLine).toMatch(/^ecdsa-sha2-nistp256 /);
      const client = await connectClient(strict, {
        username: 'mist',
        privateKey: readFileSync(strict.users.docker.privateKeyPath),
      });
      try {
        await expect(pingDockerThroughSsh(client)).rejects.toThrow();
        expect((await exec(client, 'echo still-usable')).stdout).toBe('still-usable\n');
      } finally {
        client.end();
      }
    } finally {
      await strict.stop();
    }
  });
});
