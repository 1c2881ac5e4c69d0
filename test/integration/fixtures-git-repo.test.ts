import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { Client } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { quoteArgv } from '../../src/main/core/ssh/shell-quote';
import { dockerCli, removeContainersLabelled } from '../fixtures/docker-host';
import {
  BROKEN_BRANCH,
  BROKEN_BUILD_MESSAGE,
  createFixtureRepo,
  FIXTURE_APP_PORT,
  indexHtmlWithVersion,
  type FixtureRepo,
} from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { fingerprintOfKeyBlob } from '../fixtures/ssh-keys';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';

interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

function connectAsMist(sshd: TestSshd): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      host: sshd.host,
      port: sshd.port,
      username: sshd.users.docker.name,
      privateKey: readFileSync(sshd.users.docker.privateKeyPath),
      readyTimeout: 10_000,
      hostVerifier: (key: Buffer) => fingerprintOfKeyBlob(key) === sshd.hostKeyFingerprint,
    });
  });
}

/** Runs one argv (quoted) on the server as the connected user. */
function exec(client: Client, argv: string[]): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(quoteArgv(argv), (error, channel) => {
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

async function execOk(client: Client, argv: string[]): Promise<string> {
  const result = await exec(client, argv);
  if (result.code !== 0) throw new Error(`${argv.join(' ')} exited ${result.code}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** GETs a path from the container's published port, retrying while httpd starts. */
async function httpGet(port: number, path: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      if (response.ok) return await response.text();
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`GET ${path} on port ${port} failed: ${String(lastError)}`);
}

describeIntegration('fixture git repository (cloned and built on the test server)', ['sshd', 'docker', 'root'], () => {
  const id = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const label = `fixtures-git-repo-${id}`;
  const imageRepo = `mist-test/fixture-git-${id}`;
  const checkout = `/tmp/mist-fixture-git-${id}`;
  let sshd: TestSshd;
  let repo: FixtureRepo;
  let client: Client;

  beforeAll(async () => {
    [sshd, repo] = await Promise.all([startTestSshd(), createFixtureRepo({ withBrokenBranch: true })]);
    client = await connectAsMist(sshd);
  });

  afterAll(async () => {
    client?.end();
    await removeContainersLabelled(label);
    const images = await dockerCli(['image', 'ls', '--quiet', '--filter', `reference=${imageRepo}`]);
    const ids = [...new Set(images.stdout.split('\n').filter(Boolean))];
    if (ids.length > 0) await dockerCli(['rmi', '--force', ...ids]);
    rmSync(checkout, { recursive: true, force: true });
    rmSync(`${checkout}-broken`, { recursive: true, force: true });
    await sshd?.stop();
    await repo?.remove();
  });

  it('is a bare repository the mist user clones over ssh, at the head of main', async () => {
    expect(repo.url).toBe(repo.path);
    expect(repo.path.startsWith('/var/lib/mist-test/repos/')).toBe(true);
    expect(await execOk(client, ['id', '-un'])).toBe('mist\n');
    const remoteHead = await execOk(client, ['git', 'ls-remote', repo.url, 'refs/heads/main']);
    expect(remoteHead.split('\t')[0]).toBe(await repo.head());

    await execOk(client, ['git', 'clone', '--quiet', repo.url, checkout]);
    expect((await execOk(client, ['git', '-C', checkout, 'rev-parse', 'HEAD'])).trim()).toBe(await repo.head());
    const files = (await execOk(client, ['git', '-C', checkout, 'ls-files'])).split('\n').filter(Boolean).sort();
    expect(files).toEqual(
      [
        'Dockerfile',
        'docker/Dockerfile.alt',
        'services/api/Dockerfile',
        'services/api/start.sh',
        'services/api/www/index.html',
        'start.sh',
        'www/index.html',
      ].sort(),
    );
  });

  it('builds on the server as mist with a build arg, and the container serves build.txt, env.txt and the version', async () => {
    const tag = `${imageRepo}:main`;
    const build = ['docker', 'build', '--quiet', '--label', `mist.test=${label}`];
    await execOk(client, [...build, '-t', tag, '--build-arg', 'BUILD_GREETING=hello from the build', checkout]);
    const containerId = (
      await execOk(client, [
        'docker',
        'run',
        '--detach',
        '--label',
        `mist.test=${label}`,
        '--env',
        'RUNTIME_ONLY=at-runtime',
        '--publish',
        `127.0.0.1::${FIXTURE_APP_PORT}`,
        tag,
      ])
    ).trim();
    const published = await execOk(client, ['docker', 'port', containerId, String(FIXTURE_APP_PORT)]);
    const port = Number(/:(\d+)\s*$/m.exec(published)?.[1]);
    expect(port).toBeGreaterThan(0);

    expect(await httpGet(port, '/build.txt')).toBe('hello from the build\n');
    expect(await httpGet(port, '/env.txt')).toContain('RUNTIME_ONLY=at-runtime\n');
    expect(await httpGet(port, '/env.txt')).not.toContain('BUILD_GREETING');
    expect(await httpGet(port, '/')).toContain('mist-fixture-app version 1<');
    expect(await httpGet(port, '/variant.txt')).toBe('main\n');

    // start.sh traps TERM: `docker stop` does not wait out its 10 s grace period.
    const started = Date.now();
    await execOk(client, ['docker', 'stop', containerId]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('builds the second Dockerfile and the app in services/api', async () => {
    const build = ['docker', 'build', '--quiet', '--label', `mist.test=${label}`];
    await execOk(client, [...build, '-t', `${imageRepo}:alt`, '-f', `${checkout}/docker/Dockerfile.alt`, checkout]);
    await execOk(client, [...build, '-t', `${imageRepo}:api`, `${checkout}/services/api`]);
    const variant = (tag: string): Promise<string> =>
      execOk(client, ['docker', 'run', '--rm', '--label', `mist.test=${label}`, tag, 'cat', '/www/variant.txt']);
    expect(await variant(`${imageRepo}:alt`)).toBe('alt\n');
    expect(await variant(`${imageRepo}:api`)).toBe('api\n');
  });

  it('commits move the head; the server fetches that one commit and checks it out', async () => {
    const before = await repo.head();
    const commit = await repo.commit({ 'www/index.html': indexHtmlWithVersion(2) }, 'Version 2');
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    expect(commit).not.toBe(before);
    expect(await repo.head()).toBe(commit);
    expect(await repo.head(BROKEN_BRANCH)).not.toBe(commit);

    // What a redeploy does: no re-clone, just the one commit.
    await execOk(client, ['git', '-C', checkout, 'fetch', '--quiet', 'origin', commit]);
    await execOk(client, ['git', '-C', checkout, 'checkout', '--quiet', '--force', commit]);
    expect((await execOk(client, ['git', '-C', checkout, 'rev-parse', 'HEAD'])).trim()).toBe(commit);
    expect(await execOk(client, ['cat', `${checkout}/www/index.html`])).toContain('mist-fixture-app version 2<');
    const diff = await execOk(client, ['git', '-C', checkout, 'diff', '--numstat', before, commit]);
    expect(diff.trim()).toBe('1\t1\twww/index.html');
  });

  it('the broken branch fails to build with its recognisable message', async () => {
    const brokenCheckout = `${checkout}-broken`;
    await execOk(client, ['git', 'clone', '--quiet', '--branch', BROKEN_BRANCH, repo.url, brokenCheckout]);
    const result = await exec(client, [
      'docker',
      'build',
      '--force-rm',
      '--label',
      `mist.test=${label}`,
      '-t',
      `${imageRepo}:broken`,
      brokenCheckout,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(BROKEN_BUILD_MESSAGE);
    expect(result.stdout + result.stderr).toMatch(/non-zero code: 3|exit code: 3/);
    // The image never got its tag.
    expect((await dockerCli(['image', 'inspect', `${imageRepo}:broken`])).code).not.toBe(0);
  });
});
