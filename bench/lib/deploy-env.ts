import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { quoteArg } from '../../src/main/core/ssh/shell-quote';
import { dockerCli, removeContainersLabelled } from '../../test/fixtures/docker-host';
import { findFreePort } from '../../test/fixtures/free-port';
import { createFixtureRepo, indexHtmlWithVersion, type FixtureRepo } from '../../test/fixtures/git-repo';
import { runChecked, runCommand } from '../../test/fixtures/run-command';
import { startTestSshd, type TestSshd } from '../../test/fixtures/sshd';
import { makeTempDir } from '../../test/fixtures/temp-home';
import { startWanProxy, type WanProxy } from '../../test/fixtures/wan-proxy';
import type { Cleanup } from './cleanup';

/**
 * What the deploy bench runs against: the real test sshd behind a WAN-simulating proxy, the fixture
 * app's bare repository, and the real `ssh` client set up to reach it. Everything it starts is
 * registered with the bench's Cleanup.
 *
 * Where the server clones from (`gitHost`):
 *   wan    the repository is served by `git daemon` behind a second WAN proxy (the same RTT, plus a
 *          bandwidth cap), as a git host across the internet (GitHub) is: every clone pays for the whole
 *          history at that rate, a fetch only for what is new. `repoUrl` is git://127.0.0.1:PORT/NAME.git.
 *   local  the server clones the bare repository by its path (git hardlinks the objects): a clone costs
 *          next to nothing, which flatters re-cloning. `repoUrl` is the path.
 */
export type GitHost = 'wan' | 'local';
export interface DeployEnv {
  /** Lowercase, unique per run: names every container, image, checkout and project the run makes. */
  runId: string;
  /** Containers and images the baselines make carry the label `mist.test=<label>`. */
  label: string;
  sshd: TestSshd;
  proxy: WanProxy;
  repo: FixtureRepo;
  /** What the server clones from (baselines and ours): a git:// URL through `gitProxy`, or the path. */
  repoUrl: string;
  gitHost: GitHost;
  /** The WAN proxy in front of `git daemon` (gitHost 'wan'), else null. */
  gitProxy: WanProxy | null;
  /** One line describing where the server clones from, for the report. */
  gitHostDescription: string;
  /** Parent of the baselines' checkouts on the server (this machine), owned by the mist user. */
  checkoutRoot: string;
  /** Whether the server's docker CLI builds with BuildKit (buildx present) or the legacy builder. */
  builder: 'buildkit' | 'legacy';
  /** Runs one shell script on the server as the mist user over ONE new `ssh` session, through the proxy. */
  ssh(script: string, timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Commits the one-line change (the version line of www/index.html) and returns the new commit. */
  bumpVersion(): Promise<{ commit: string; version: number }>;
  /** The version currently on main. */
  readonly version: number;
}

export async function startDeployEnv(
  cleanup: Cleanup,
  opts: { rttMs: number; historyKb: number; gitHost: GitHost; gitMbit: number; log: (line: string) => void },
): Promise<DeployEnv> {
  const runId = `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;
  const label = `bench-deploy-${runId}`;
  const checkoutRoot = `/tmp/mist-bench-deploy-${runId}`;
  const gitHostDescription =
    opts.gitHost === 'wan'
      ? `git daemon behind a WAN proxy, ${opts.rttMs} ms RTT, ${opts.gitMbit} Mbit/s`
      : 'local path on the server';
  opts.log(
    `run ${runId}: starting sshd, WAN proxy (${opts.rttMs} ms RTT) and the fixture repository (git host: ${gitHostDescription})`,
  );

  // Registered before anything starts, so a partial start is still cleaned up. Cleanup runs in reverse:
  // the containers go before the images they use.
  cleanup.add('remove baseline images', () => removeImagesLabelled(`mist.test=${label}`));
  cleanup.add('remove baseline containers', () => removeContainersLabelled(label));
  cleanup.add('remove baseline checkouts', () => rmSync(checkoutRoot, { recursive: true, force: true }));

  const [sshd, repo] = await Promise.all([startTestSshd(), createFixtureRepo()]);
  cleanup.add('stop sshd', () => sshd.stop());
  cleanup.add('remove fixture repository', () => repo.remove());
  if (opts.historyKb > 0) await addHistory(repo, opts.historyKb);

  const proxy = await startWanProxy({ targetHost: '127.0.0.1', targetPort: sshd.port, rttMs: opts.rttMs });
  cleanup.add('close WAN proxy', () => proxy.close());

  let repoUrl = repo.url;
  let gitProxy: WanProxy | null = null;
  if (opts.gitHost === 'wan') {
    const daemonPort = await startGitDaemon(cleanup, repo.path);
    gitProxy = await startWanProxy({
      targetHost: '127.0.0.1',
      targetPort: daemonPort,
      rttMs: opts.rttMs,
      bytesPerSecond: (opts.gitMbit * 1_000_000) / 8,
    });
    cleanup.add('close the git host WAN proxy', () => gitProxy?.close());
    repoUrl = `git://127.0.0.1:${gitProxy.port}/${basename(repo.path)}`;
  }

  const sshDir = makeTempDir('mist-bench-ssh');
  cleanup.add('remove ssh client files', () => sshDir.cleanup());
  const knownHosts = join(sshDir.path, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${proxy.port} ${sshd.hostPublicKeyLine}\n`);
  const user = sshd.users.docker;
  const sshArgs = [
    '-F', '/dev/null',
    '-o', 'BatchMode=yes',
    '-o', 'IdentitiesOnly=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'ControlPath=none',
    '-o', 'LogLevel=ERROR',
    '-i', user.privateKeyPath,
    '-p', String(proxy.port),
    `${user.name}@127.0.0.1`,
  ]; // prettier-ignore
  const ssh: DeployEnv['ssh'] = (script, timeoutMs) => runCommand('ssh', [...sshArgs, script], { timeoutMs });

  const prepared = await ssh(
    `mkdir -p ${checkoutRoot} && docker buildx version >/dev/null 2>&1 && echo buildkit || echo legacy`,
    30_000,
  );
  if (prepared.code !== 0)
    throw new Error(`ssh to the test sshd failed (exit ${prepared.code}): ${prepared.stderr.trim()}`);
  const builder = prepared.stdout.trim() === 'buildkit' ? 'buildkit' : 'legacy';

  // The server's user must be able to read the repository at repoUrl before anything is timed.
  const probe = await ssh(`git ls-remote ${quoteArg(repoUrl)} refs/heads/main`, 30_000);
  if (probe.code !== 0 || !probe.stdout.includes('refs/heads/main')) {
    throw new Error(`${user.name} on the server cannot read ${repoUrl} (exit ${probe.code}): ${probe.stderr.trim()}`);
  }

  let version = 1;
  return {
    runId,
    label,
    sshd,
    proxy,
    repo,
    repoUrl,
    gitHost: opts.gitHost,
    gitProxy,
    gitHostDescription,
    checkoutRoot,
    builder,
    ssh,
    get version() {
      return version;
    },
    async bumpVersion() {
      const next = version + 1;
      const commit = await repo.commit({ 'www/index.html': indexHtmlWithVersion(next) }, `Version ${next}`);
      version = next;
      return { commit, version: next };
    },
  };
}

/**
 * Serves the bare repository with `git daemon` on a free loopback port (read-only, only this
 * repository, its parent as the base path) and returns the port once it accepts connections. The
 * daemon runs as root, like the repository's owner, so git's ownership check does not get in its way.
 */
async function startGitDaemon(cleanup: Cleanup, repoPath: string): Promise<number> {
  // git-daemon itself, not `git daemon`: the `git` wrapper would run it as a child of its own.
  const execPath = (await runChecked('git', ['--exec-path'])).trim();
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await findFreePort();
    const daemon = spawn(
      join(execPath, 'git-daemon'),
      [
        '--export-all',
        '--reuseaddr',
        '--informative-errors',
        `--base-path=${dirname(repoPath)}`,
        '--listen=127.0.0.1',
        `--port=${port}`,
        repoPath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    daemon.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    cleanup.add('stop git daemon', () => stopChild(daemon));
    if (await waitForPort(port, daemon, 10_000)) return port;
    lastError = `git daemon on port ${port} ${daemon.exitCode === null ? 'did not listen' : `exited ${daemon.exitCode}`}: ${stderr.trim()}`;
    await stopChild(daemon);
  }
  throw new Error(lastError);
}

/** Whether `port` accepts a connection before `timeoutMs`; false at once if `child` exits first. */
async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** SIGTERM, then SIGKILL if it has not exited within 3 s; resolves once it has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Makes a clone cost what a real repository's does: a blob of `kb` KiB of random data added and then
 * deleted again, so it is in the history every clone fetches but not in the checkout or the build context.
 */
async function addHistory(repo: FixtureRepo, kb: number): Promise<void> {
  const chunks = Math.max(1, Math.ceil(kb / 256));
  const files: Record<string, string> = {};
  for (let i = 0; i < chunks; i += 1) files[`history/blob-${i}.txt`] = randomBytes(192 * 1024).toString('base64');
  await repo.commit(files, `History weight: ${kb} KiB`);
  await repo.commit(Object.fromEntries(Object.keys(files).map((file) => [file, null])), 'Drop the history weight');
}

/** Force-removes the containers, then the images, carrying the label `keyValue` (`key=value`). */
export async function removeContainersAndImagesLabelled(keyValue: string): Promise<void> {
  const listed = await dockerCli(['ps', '--all', '--quiet', '--filter', `label=${keyValue}`]);
  const ids = listed.stdout.split('\n').filter(Boolean);
  if (ids.length > 0) await dockerCli(['rm', '--force', '--volumes', ...ids]);
  await removeImagesLabelled(keyValue);
}

/** Force-removes every image carrying the label `keyValue` (`key=value`). */
export async function removeImagesLabelled(keyValue: string): Promise<void> {
  const listed = await dockerCli(['image', 'ls', '--quiet', '--filter', `label=${keyValue}`]);
  const ids = [...new Set(listed.stdout.split('\n').filter(Boolean))];
  if (ids.length === 0) return;
  const removed = await dockerCli(['rmi', '--force', ...ids]);
  if (removed.code !== 0) throw new Error(`docker rmi failed: ${removed.stderr.trim()}`);
}

/** The host port Docker published for the container's `containerPort`, or null. */
export async function publishedPort(container: string, containerPort: number): Promise<number | null> {
  const result = await dockerCli(['port', container, String(containerPort)]);
  const match = /:(\d+)\s*$/m.exec(result.stdout);
  return result.code === 0 && match ? Number(match[1]) : null;
}

/** GETs `path` from 127.0.0.1:port, retrying for a few seconds while the app starts. */
export async function httpGet(port: number, path: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return await response.text();
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`GET http://127.0.0.1:${port}${path} failed: ${String(lastError)}`);
}

/**
 * Checks (untimed) that a deploy left the right app serving: the version line and the build arg.
 * Throws when it did not, so a figure is never reported for a deploy that did not work.
 */
export async function verifyServing(
  container: string,
  containerPort: number,
  expected: { version: number; greeting: string | null },
): Promise<void> {
  const port = await publishedPort(container, containerPort);
  if (port === null) throw new Error(`container ${container} publishes no host port for ${containerPort}`);
  const index = await httpGet(port, '/');
  if (!index.includes(`mist-fixture-app version ${expected.version}<`)) {
    throw new Error(`container ${container} serves the wrong version (expected ${expected.version}): ${index.trim()}`);
  }
  if (expected.greeting !== null) {
    const build = (await httpGet(port, '/build.txt')).trim();
    if (build !== expected.greeting) {
      throw new Error(`container ${container} was built with BUILD_GREETING=${build}, expected ${expected.greeting}`);
    }
  }
}
