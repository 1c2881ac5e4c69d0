import { createServer, type Server } from 'node:net';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isMistError } from '../../src/shared/errors';
import { TRAEFIK_NETWORK } from '../../src/shared/traefik-labels';
import { closeDashboardForwards, openDashboardForward } from '../../src/main/core/traefik/dashboard-forward';
import {
  containerSpec,
  prepareServer,
  TRAEFIK_ACME_VOLUME,
  TRAEFIK_CONTAINER,
  type PrepareServerOptions,
  type PrepareServerResult,
} from '../../src/main/core/traefik/prepare-server';
import { traefikCommand } from '../../src/main/core/traefik/traefik-command';
import { BASE_IMAGE } from '../fixtures/docker-host';
import { findFreePort } from '../fixtures/free-port';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { buildTraefikStandin, STANDIN_DASHBOARD_TEXT, TRAEFIK_STANDIN_IMAGE } from '../fixtures/traefik-image';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });
const EMAIL = 'ops@example.com';
const ABSENT_IMAGE = 'mist-test/traefik-absent:v0';

async function exists(target: { inspect(): Promise<unknown> }): Promise<boolean> {
  return target.inspect().then(
    () => true,
    () => false,
  );
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describeIntegration('Prepare server: Traefik on the real dockerd', ['sshd', 'docker', 'keychain', 'root'], () => {
  let sshd: TestSshd;
  let core: TestCore;
  let serverId: string;
  let networkExisted = false;
  let blocker: Dockerode.Container | null = null;
  let hostListener: Server | null = null;

  const prepare = (overrides: Partial<PrepareServerOptions> = {}): Promise<PrepareServerResult> =>
    prepareServer(core.pool.docker(serverId), core.pool.connection(serverId), {
      serverName: 'test-server',
      acmeEmail: EMAIL,
      image: TRAEFIK_STANDIN_IMAGE,
      ...overrides,
    });

  beforeAll(async () => {
    if (await exists(local.getContainer(TRAEFIK_CONTAINER))) {
      throw new Error(`a container named ${TRAEFIK_CONTAINER} already exists on this machine; refusing to touch it`);
    }
    networkExisted = await exists(local.getNetwork(TRAEFIK_NETWORK));
    [sshd] = await Promise.all([startTestSshd(), buildTraefikStandin()]);
    core = await createTestCore();
    serverId = (await core.servers.add(serverInput(sshd))).id;
  });

  afterAll(async () => {
    await local
      .getContainer(TRAEFIK_CONTAINER)
      .remove({ force: true })
      .catch(() => {});
    await blocker?.remove({ force: true }).catch(() => {});
    hostListener?.close();
    await local
      .getVolume(TRAEFIK_ACME_VOLUME)
      .remove()
      .catch(() => {});
    if (!networkExisted) {
      const network = await local
        .getNetwork(TRAEFIK_NETWORK)
        .inspect()
        .catch(() => null);
      if (network && Object.keys(network.Containers ?? {}).length === 0) {
        await local
          .getNetwork(TRAEFIK_NETWORK)
          .remove()
          .catch(() => {});
      }
    }
    await local
      .getImage(TRAEFIK_STANDIN_IMAGE)
      .remove()
      .catch(() => {});
    await core?.dispose();
    await sshd?.stop();
  });

  it('ports taken by another container: names it and changes nothing', async () => {
    const [taken, free] = [await findFreePort(), await findFreePort()];
    blocker = await local.createContainer({
      name: `mist-test-port-blocker-${taken}`,
      Image: BASE_IMAGE,
      Cmd: ['sh', '-c', 'trap "exit 0" TERM INT; sleep 3600 & wait $!'],
      Labels: { 'mist.test': 'traefik-prepare' },
      ExposedPorts: { '8000/tcp': {} },
      HostConfig: { PortBindings: { '8000/tcp': [{ HostPort: String(taken) }] } },
    });
    await blocker.start();
    const error = await failure(prepare({ ports: { http: taken, https: free } }));
    expect(isMistError(error) && error.code).toBe('conflict');
    expect(error.message).toContain(`port ${taken} is published by container "mist-test-port-blocker-${taken}"`);
    expect(error.message).toContain('Nothing was changed');
    expect(await exists(local.getContainer(TRAEFIK_CONTAINER))).toBe(false);
    expect(await exists(local.getNetwork(TRAEFIK_NETWORK))).toBe(networkExisted);
    await blocker.remove({ force: true });
    blocker = null;
  });

  it('a port held by a process the SSH user cannot see: says so', async () => {
    const port = await findFreePort();
    hostListener = createServer();
    await new Promise<void>((resolve) => hostListener!.listen(port, '127.0.0.1', resolve));
    const error = await failure(prepare({ ports: { http: port, https: await findFreePort() } }));
    expect(isMistError(error) && error.code).toBe('conflict');
    // the test process runs as root; the SSH user (`mist`) may not see root's process names
    expect(error.message).toMatch(
      new RegExp(
        `port ${port} is in use by (the process "node"|a process \\(not visible to ${sshd.users.docker.name}\\))`,
      ),
    );
    expect(await exists(local.getContainer(TRAEFIK_CONTAINER))).toBe(false);
    hostListener.close();
    hostListener = null;
  });

  it('the image cannot be pulled and is absent: a clear error with Docker’s reason', async () => {
    const error = await failure(prepare({ image: ABSENT_IMAGE }));
    expect(isMistError(error) && error.code).toBe('docker-error');
    expect(error.message).toContain(`Could not pull ${ABSENT_IMAGE}, and it is not on the server`);
    expect(error.message.length).toBeGreaterThan(
      `Could not pull ${ABSENT_IMAGE}, and it is not on the server: `.length,
    );
    expect(await exists(local.getContainer(TRAEFIK_CONTAINER))).toBe(false);
  });

  it('creates the network and the Traefik container exactly as specified', async () => {
    const lines: string[] = [];
    const result = await prepare({ log: (line) => lines.push(line) });
    expect(result).toMatchObject({
      network: networkExisted ? 'exists' : 'created',
      traefik: 'created',
      image: TRAEFIK_STANDIN_IMAGE,
      imageSource: 'present', // the pull fails here (no registry) but the stand-in is on the server
    });
    expect(result.messages.join('\n')).toContain('using the copy already on the server');
    expect(lines.join('\n')).toContain(`Pulling ${TRAEFIK_STANDIN_IMAGE}`);
    expect(await exists(local.getNetwork(TRAEFIK_NETWORK))).toBe(true);

    const info = await local.getContainer(TRAEFIK_CONTAINER).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.Config.Image).toBe(TRAEFIK_STANDIN_IMAGE);
    expect(info.Config.Cmd).toEqual(traefikCommand(EMAIL));
    expect(info.Config.Labels).toMatchObject({ 'mist.managed': 'true', 'mist.role': 'traefik' });
    expect(info.HostConfig.RestartPolicy).toEqual({ Name: 'unless-stopped', MaximumRetryCount: 0 });
    expect(info.HostConfig.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '', HostPort: '80' }],
      '443/tcp': [{ HostIp: '', HostPort: '443' }],
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
    });
    expect(info.HostConfig.NetworkMode).toBe(TRAEFIK_NETWORK);
    // Traefik's own output rotates instead of growing for as long as the server runs
    expect(info.HostConfig.LogConfig).toEqual({ Type: 'local', Config: { 'max-size': '10m', 'max-file': '3' } });
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([TRAEFIK_NETWORK]);
    const mounts = info.Mounts.map((mount) => ({
      type: mount.Type,
      source: mount.Type === 'volume' ? mount.Name : mount.Source,
      destination: mount.Destination,
      rw: mount.RW,
    })).sort((a, b) => a.destination.localeCompare(b.destination));
    expect(mounts).toEqual([
      { type: 'volume', source: TRAEFIK_ACME_VOLUME, destination: '/letsencrypt', rw: true },
      { type: 'bind', source: '/var/run/docker.sock', destination: '/var/run/docker.sock', rw: false },
    ]);
    // the dashboard port is bound on the loopback only
    const published = info.NetworkSettings.Ports['8080/tcp'] ?? [];
    expect(published.map((binding) => binding.HostIp)).toEqual(['127.0.0.1']);
  });

  it('a second run with the same settings changes nothing', async () => {
    const before = await local.getContainer(TRAEFIK_CONTAINER).inspect();
    const result = await prepare();
    expect(result).toMatchObject({ network: 'exists', traefik: 'unchanged', imageSource: 'present' });
    const after = await local.getContainer(TRAEFIK_CONTAINER).inspect();
    expect(after.Id).toBe(before.Id);
    expect(after.State.StartedAt).toBe(before.State.StartedAt);
  });

  it('the image cannot be pulled and is absent: the running Traefik is left alone', async () => {
    const before = await local.getContainer(TRAEFIK_CONTAINER).inspect();
    const error = await failure(prepare({ image: ABSENT_IMAGE }));
    expect(isMistError(error) && error.code).toBe('docker-error');
    expect((await local.getContainer(TRAEFIK_CONTAINER).inspect()).Id).toBe(before.Id);
  });

  it('different settings recreate the container', async () => {
    const before = await local.getContainer(TRAEFIK_CONTAINER).inspect();
    const result = await prepare({ acmeEmail: 'other@example.com' });
    expect(result.traefik).toBe('updated');
    const after = await local.getContainer(TRAEFIK_CONTAINER).inspect();
    expect(after.Id).not.toBe(before.Id);
    expect(after.Config.Cmd).toContain('--certificatesresolvers.le.acme.email=other@example.com');
    expect((await prepare({ acmeEmail: 'other@example.com' })).traefik).toBe('unchanged');
  });

  it('a Traefik made before its logs were bounded is recreated with them', async () => {
    const acmeEmail = 'other@example.com'; // the settings the test before left, which the tests after expect
    const spec = containerSpec(TRAEFIK_STANDIN_IMAGE, acmeEmail, { http: 80, https: 443 });
    const { LogConfig: _bounded, ...olderHostConfig } = spec.HostConfig!;
    await local.getContainer(TRAEFIK_CONTAINER).remove({ force: true });
    const older = await local.createContainer({ ...spec, HostConfig: olderHostConfig });
    await older.start();
    expect((await older.inspect()).HostConfig.LogConfig?.Type).toBe('json-file');

    expect((await prepare({ acmeEmail })).traefik).toBe('updated');
    const after = await local.getContainer(TRAEFIK_CONTAINER).inspect();
    expect(after.Id).not.toBe(older.id);
    expect(after.State.Running).toBe(true);
    expect(after.HostConfig.LogConfig?.Type).toBe('local');
    expect((await prepare({ acmeEmail })).traefik).toBe('unchanged');
  });

  it('an invalid e-mail is refused before anything happens', async () => {
    const error = await failure(prepare({ acmeEmail: 'ops@example.com; rm -rf /' }));
    expect(isMistError(error) && error.code).toBe('invalid-input');
  });

  it('the dashboard forward reaches the server’s loopback :8080 over SSH, one forward per server', async () => {
    const forward = await openDashboardForward(core.pool, serverId);
    try {
      expect(forward.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard\/$/);
      expect(await openDashboardForward(core.pool, serverId)).toBe(forward);
      let body = '';
      for (let attempt = 0; attempt < 50; attempt++) {
        const response = await fetch(forward.url).catch(() => null);
        if (response?.ok) {
          body = await response.text();
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(body).toContain(STANDIN_DASHBOARD_TEXT);
    } finally {
      forward.close();
    }
    const second = await openDashboardForward(core.pool, serverId);
    expect(second).not.toBe(forward);
    await closeDashboardForwards(core.pool);
    expect(await fetch(second.url).catch(() => 'refused')).toBe('refused');
  });

  it('through the API: servers.prepare saves the email and wildcard, is audited, and the dashboard opens', async () => {
    const home = core.dataDir;
    const apiCore = await createTestCore({ home, traefikImage: TRAEFIK_STANDIN_IMAGE });
    try {
      const result = await apiCore.handlers['servers.prepare']({
        id: serverId,
        email: 'other@example.com',
        wildcardDomain: 'apps.example.test',
      });
      expect(result).toMatchObject({ serverId, traefik: 'unchanged', network: 'exists' });
      expect(apiCore.servers.get(serverId)).toMatchObject({
        acmeEmail: 'other@example.com',
        wildcardDomain: 'apps.example.test',
      });
      const audit = await apiCore.handlers['audit.list']({ limit: 5 });
      expect(audit[0]).toMatchObject({ action: 'server.prepare', targetId: serverId });
      const { url } = await apiCore.handlers['servers.openTraefikDashboard']({ id: serverId });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard\/$/);
    } finally {
      await apiCore.close();
    }
  });

  it('the dashboard forward says so when Traefik is not running', async () => {
    await local.getContainer(TRAEFIK_CONTAINER).remove({ force: true });
    const error = await failure(openDashboardForward(core.pool, serverId));
    expect(isMistError(error) && error.code).toBe('not-found');
    expect(error.message).toContain('is Traefik running?');
  });
});
