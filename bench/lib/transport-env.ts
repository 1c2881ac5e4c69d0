import { readFileSync } from 'node:fs';
import Dockerode from 'dockerode';
import { createCore, type Core } from '../../src/main/core/core';
import { removeContainersLabelled, startIdleContainers } from '../../test/fixtures/docker-host';
import { startTestSshd, type TestSshd } from '../../test/fixtures/sshd';
import { makeTempDir } from '../../test/fixtures/temp-home';
import { startWanProxy, type WanProxy } from '../../test/fixtures/wan-proxy';
import type { Cleanup } from './cleanup';

/** The real infrastructure the transport bench talks to, and the two Docker clients under test. */
export interface TransportEnv {
  sshd: TestSshd;
  proxy: WanProxy;
  containerIds: string[];
  /** The containers carry the label `mist.test=<containerLabel>`. */
  containerLabel: string;
  core: Core;
  serverId: string;
  /** Ours: the core's pool, one persistent ssh2 connection per server. */
  ours: Dockerode;
  /** Baseline: dockerode's built-in `protocol: 'ssh'` (a new SSH connection per HTTP connection). */
  baseline: Dockerode;
}

export async function startTransportEnv(
  cleanup: Cleanup,
  opts: { containers: number; log: (line: string) => void },
): Promise<TransportEnv> {
  const label = `bench-transport-${process.pid}-${Date.now()}`;
  opts.log(`starting sshd, WAN proxy and ${opts.containers} idle containers (label mist.test=${label})`);
  // Registered before starting: a partial start (some containers up, then a failure) is still removed.
  cleanup.add('remove containers', () => removeContainersLabelled(label));
  const [sshd, containerIds] = await Promise.all([startTestSshd(), startIdleContainers(opts.containers, label)]);
  cleanup.add('stop sshd', () => sshd.stop());

  const proxy = await startWanProxy({ targetHost: '127.0.0.1', targetPort: sshd.port, rttMs: 0 });
  cleanup.add('close WAN proxy', () => proxy.close());

  const home = makeTempDir('mist-bench-home');
  cleanup.add('remove temp home', () => home.cleanup());
  const core = await createCore({ home: home.path, keychainService: 'mist-desktop-bench', knownHostsPath: null });
  cleanup.add('close core', () => core.close());

  const user = sshd.users.docker;
  const server = await core.servers.add({
    name: 'bench',
    host: '127.0.0.1',
    port: proxy.port,
    user: user.name,
    auth: { kind: 'key', keyPath: user.privateKeyPath },
    proxyJumpServerId: null,
    dockerSocketPath: '/var/run/docker.sock',
    forwardAgent: false,
    publicAddress: null,
    hostKey: { fingerprint: sshd.hostKeyFingerprint, trust: 'remember' },
  });

  const baseline = new Dockerode({
    protocol: 'ssh',
    host: '127.0.0.1',
    port: proxy.port,
    username: user.name,
    sshOptions: { privateKey: readFileSync(user.privateKeyPath) },
  } as Dockerode.DockerOptions);

  return {
    sshd,
    proxy,
    containerIds,
    containerLabel: label,
    core,
    serverId: server.id,
    ours: core.pool.docker(server.id),
    baseline,
  };
}
