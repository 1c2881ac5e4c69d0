import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeDown } from '../../src/main/core/compose/compose-down';
import { checkoutDir } from '../../src/main/core/deploy/remote-git';
import type { AppDto, AppStatusDto, ContainerLogLineDto, DeploymentDto } from '../../src/shared/dto/app';
import { traefikLabels } from '../../src/shared/traefik-labels';
import { BASE_IMAGE } from '../fixtures/docker-host';
import type { FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { runChecked } from '../fixtures/run-command';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { until, waitForDeployment } from '../support/deploy-helpers';
import type { TestCore } from '../support/test-core';
import { collectingSink } from '../support/collecting-sink';
import { rejection } from '../support/rejection';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });
const DOMAIN = 'stack.compose.test';
const SECRET = `s3cret-${randomBytes(8).toString('hex')}`;

/**
 * web is built (FROM the local base image), worker runs the base image; both stop at once. worker
 * keeps logging of its own; web gets the app's log retention.
 */
const COMPOSE_FILE = `version: "3.8"
services:
  web:
    build: ./web
    command: ["sh", "-c", "echo web listening on 8080; exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
  worker:
    image: ${BASE_IMAGE}
    command: ["sh", "-c", "while true; do echo worker tick $$GREETING; sleep 0.2; done"]
    environment:
      - SECRET_TOKEN
      - GREETING=\${GREETING}
    stop_grace_period: 1s
    logging:
      driver: json-file
      options:
        max-size: 1m
`;
const WEB_DOCKERFILE = `FROM ${BASE_IMAGE}
RUN mkdir -p /www && echo compose web > /www/index.html
`;

describeIntegration(
  'compose apps: deploy, status per service, logs, public service',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let core: TestCore;
    let app: AppDto;
    let repo: FixtureRepo;
    const project = () => `mist-${app.id}`;

    const serviceContainer = async (service: string) => {
      const [found] = await local.listContainers({
        all: true,
        filters: { label: [`com.docker.compose.project=${project()}`, `com.docker.compose.service=${service}`] },
      });
      if (!found) throw new Error(`no container for ${service}`);
      return local.getContainer(found.Id).inspect();
    };

    beforeAll(async () => {
      fixture = await createAppOnTestServer({ projectPrefix: 'cmp', appName: 'stack', type: 'compose' });
      ({ core, app, repo } = fixture);
      await repo.commit({ 'docker-compose.yml': COMPOSE_FILE, 'web/Dockerfile': WEB_DOCKERFILE }, 'Compose stack');
      await core.handlers['env.set']({
        appId: app.id,
        vars: [
          { key: 'SECRET_TOKEN', value: SECRET, secret: true, scope: 'runtime' },
          { key: 'GREETING', value: 'hello-compose', scope: 'runtime' },
        ],
      } as never);
      await core.handlers['domains.add']({ appId: app.id, host: DOMAIN });
      app = await core.handlers['apps.update']({
        id: app.id,
        publicService: 'web',
        publicPort: 8080,
        logMaxSizeMb: 20,
        logMaxFiles: 2,
      });
      const deployment = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      if (deployment.status !== 'success') {
        const log = (await core.handlers['deployments.log']({ deploymentId: deployment.id })).map((l) => l.text);
        throw new Error(`deploy failed: ${deployment.error}\n${log.join('\n')}`);
      }
    }, 240_000);

    afterAll(async () => {
      if (app) {
        const label = `com.docker.compose.project=mist-${app.id}`;
        for (const c of await local.listContainers({ all: true, filters: { label: [label] } }))
          await local
            .getContainer(c.Id)
            .remove({ force: true })
            .catch(() => {});
        for (const n of await local.listNetworks({ filters: { label: [label] } }))
          await local
            .getNetwork(n.Id)
            .remove()
            .catch(() => {});
        for (const image of await local.listImages({ filters: { reference: [`mist-${app.id}*`] } }))
          await local
            .getImage(image.Id)
            .remove({ force: true })
            .catch(() => {});
        await runChecked('rm', [
          '-rf',
          checkoutDir(app.projectId, app.name),
          `${checkoutDir(app.projectId, app.name)}.mist-override.json`,
        ]).catch(() => {});
      }
      await fixture?.dispose();
    }, 60_000);

    it('deploys both services: running, 2/2, each service listed', async () => {
      const status = await core.handlers['apps.status']({ appId: app.id });
      expect(status).toMatchObject({ status: 'running', summary: '2/2 running' });
      expect(status.services?.map((s) => [s.service, s.state])).toEqual([
        ['web', 'running'],
        ['worker', 'running'],
      ]);
      const [active] = await core.handlers['deployments.list']({ appId: app.id });
      expect(active).toMatchObject({ status: 'success', image: null, commitHash: await repo.head() });
    });

    it('the override gives exactly the public service the Traefik labels and traefik-net', async () => {
      const [web, worker] = await Promise.all([serviceContainer('web'), serviceContainer('worker')]);
      const traefikOnly = (labels: Record<string, string>) =>
        Object.fromEntries(Object.entries(labels).filter(([key]) => key.startsWith('traefik.')));
      expect(traefikOnly(web.Config.Labels)).toEqual(traefikLabels({ appId: app.id, domains: [DOMAIN], port: 8080 }));
      expect(traefikOnly(worker.Config.Labels)).toEqual({});
      expect(Object.keys(web.NetworkSettings.Networks).sort()).toEqual([`${project()}_default`, 'traefik-net']);
      expect(Object.keys(worker.NetworkSettings.Networks)).toEqual([`${project()}_default`]);
      expect(web.NetworkSettings.Networks['traefik-net']?.Aliases).toContain(`app-${app.id}`);
    });

    it("the deploy checks the public service's certificate, as a web app's", async () => {
      const [deployment] = await core.handlers['deployments.list']({ appId: app.id });
      const log = (await core.handlers['deployments.log']({ deploymentId: deployment!.id })).map((l) => l.text);
      expect(log).toContainEqual(expect.stringMatching(/^Certificate for stack\.compose\.test: /));
    });

    it("a service without logging of its own gets the app's log retention; a service's own logging stays", async () => {
      const [web, worker] = await Promise.all([serviceContainer('web'), serviceContainer('worker')]);
      expect(web.HostConfig.LogConfig).toEqual({ Type: 'local', Config: { 'max-size': '20m', 'max-file': '2' } });
      expect(worker.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m' } });
      const [deployment] = await core.handlers['deployments.list']({ appId: app.id });
      const log = (await core.handlers['deployments.log']({ deploymentId: deployment!.id })).map((l) => l.text);
      expect(log).toContain('Logs of web rotate at 20 MB, 2 files kept.');
    });

    it("leaves the user's compose file in the checkout untouched; the override lives beside it", async () => {
      const dir = checkoutDir(app.projectId, app.name);
      const git = (...args: string[]) => runChecked('git', ['-c', 'safe.directory=*', '-C', dir, ...args]);
      expect((await git('status', '--porcelain', '--ignored')).trim()).toBe('');
      expect(readFileSync(`${dir}/docker-compose.yml`, 'utf8')).toBe(COMPOSE_FILE);
      expect(existsSync(`${dir}.mist-override.json`)).toBe(true);
      expect(existsSync(`${dir}/.mist-override.json`)).toBe(false);
    });

    it('a secret reaches the container through compose, but no log and no file', async () => {
      const worker = await serviceContainer('worker');
      expect(worker.Config.Env).toEqual(expect.arrayContaining([`SECRET_TOKEN=${SECRET}`, 'GREETING=hello-compose']));
      const [deployment] = await core.handlers['deployments.list']({ appId: app.id });
      const log = (await core.handlers['deployments.log']({ deploymentId: deployment!.id }))
        .map((l) => l.text)
        .join('\n');
      expect(log).toContain('compose');
      expect(log).not.toContain(SECRET);
      const dir = checkoutDir(app.projectId, app.name);
      const grep = await runChecked('grep', ['-rl', '--', SECRET, dir, `${dir}.mist-override.json`]).catch(() => '');
      expect(grep).toBe('');
    });

    it('one service stopped by hand: partial, 1/2, reported from Docker events; start brings 2/2 back', async () => {
      const { received, sink } = collectingSink<AppStatusDto>();
      const stop = core.handlers['apps.statusWatch']({}, sink);
      try {
        await until(() => received.some((s) => s.appId === app.id && s.status === 'running'), 'the snapshot', 20_000);
        await local.getContainer((await serviceContainer('worker')).Id).stop({ t: 1 });
        await until(
          () => received.some((s) => s.appId === app.id && s.status === 'partial' && s.summary === '1/2 running'),
          'a partial status from the events stream',
          20_000,
        );
      } finally {
        stop();
      }
      const status = await core.handlers['apps.status']({ appId: app.id });
      expect(status).toMatchObject({ status: 'partial', summary: '1/2 running' });
      expect(status.services?.find((s) => s.service === 'worker')?.state).toBe('exited');

      expect(await core.handlers['apps.control']({ appId: app.id, action: 'start' })).toMatchObject({
        status: 'running',
        summary: '2/2 running',
      });
      expect(await core.handlers['apps.control']({ appId: app.id, action: 'stop' })).toMatchObject({
        status: 'stopped',
        summary: '0/2 running',
      });
      expect(await core.handlers['apps.control']({ appId: app.id, action: 'restart' })).toMatchObject({
        status: 'running',
      });
    });

    it('the combined log holds lines of both services, prefixed; a per-service log is unprefixed', async () => {
      const follow = async (
        input: { service?: string; timestamps?: boolean },
        done: (lines: ContainerLogLineDto[]) => boolean,
      ) => {
        const { received: lines, sink } = collectingSink<ContainerLogLineDto>();
        const stop = core.handlers['apps.logs']({ appId: app.id, tail: 50, timestamps: false, ...input }, sink);
        try {
          await until(() => done(lines), `log lines (${JSON.stringify(input)})`, 20_000);
        } finally {
          stop();
        }
        return lines;
      };
      const combined = await follow(
        {},
        (lines) =>
          lines.some((l) => l.text === 'web | web listening on 8080') &&
          lines.some((l) => l.text === 'worker | worker tick hello-compose'),
      );
      expect(combined.find((l) => l.text.startsWith('worker | '))).toMatchObject({
        stream: 'stdout',
        service: 'worker',
      });
      expect(combined.every((l) => l.stream === 'system' || l.text.startsWith(`${l.service} | `))).toBe(true);

      const worker = await follow({ service: 'worker', timestamps: true }, (lines) => lines.length >= 3);
      expect(worker.every((l) => l.service === 'worker' && l.text === 'worker tick hello-compose')).toBe(true);
      expect(worker[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(combined.concat(worker).some((l) => l.text.includes(SECRET))).toBe(false);
    });

    it('the combined log goes on across a service restart and the container a redeploy recreates', async () => {
      const { received: lines, sink } = collectingSink<ContainerLogLineDto>();
      const after = (marker: RegExp) => {
        const at = lines.findIndex((line) => line.stream === 'system' && marker.test(line.text));
        return at < 0 ? [] : lines.slice(at + 1).map((line) => line.text);
      };
      const stop = core.handlers['apps.logs']({ appId: app.id, tail: 5, timestamps: false }, sink);
      try {
        await until(() => lines.some((l) => l.text === 'worker | worker tick hello-compose'), 'a worker line');
        const first = await serviceContainer('worker');
        await local.getContainer(first.Id).restart({ t: 1 });
        await until(
          () => after(/^worker \| — the container started again —$/).includes('worker | worker tick hello-compose'),
          'a worker line after its restart',
        );

        // a changed variable: the redeploy has compose recreate the worker under the same name
        await core.handlers['env.set']({
          appId: app.id,
          vars: [{ key: 'GREETING', value: 'hello-again', scope: 'runtime' }],
        } as never);
        const redeploy = await waitForDeployment(
          core,
          (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
        );
        expect(redeploy.status).toBe('success');
        const recreated = await serviceContainer('worker');
        expect(recreated.Id).not.toBe(first.Id);
        await until(
          () => after(/^worker \| — a new container took over/).includes('worker | worker tick hello-again'),
          'a line of the recreated worker',
          30_000,
        );
      } finally {
        stop();
      }
      const marks = lines.filter((l) => l.stream === 'system').map((l) => l.text);
      expect(marks.filter((m) => m.startsWith('worker | — the container stopped at '))).toHaveLength(2);
      expect(marks).toContain(
        `worker | — a new container took over (${(await serviceContainer('worker')).Id.slice(0, 12)}): its log from the start —`,
      );
      expect(lines.some((l) => l.text.includes(SECRET))).toBe(false);
    });

    it('a public service the compose file lacks fails the deploy before anything is built', async () => {
      await core.handlers['apps.update']({ id: app.id, publicService: 'nope' });
      const failed = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(failed).toMatchObject({
        status: 'failed',
        error: 'The public service "nope" is not in docker-compose.yml.',
      });
      const log = (await core.handlers['deployments.log']({ deploymentId: failed.id })).map((l) => l.text);
      expect(log.some((line) => line.includes('compose up'))).toBe(false);
      expect((await core.handlers['apps.status']({ appId: app.id })).summary).toBe('2/2 running');
      await core.handlers['apps.update']({ id: app.id, publicService: 'web' });
    }, 60_000);

    it('a compose file compose cannot read fails the deploy with compose’s reason, before anything is built', async () => {
      await repo.commit({ 'docker-compose.yml': `${COMPOSE_FILE}  stray: [\n` }, 'Break the compose file');
      const failed = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/^compose cannot read docker-compose\.yml \(exit 1\): \S/);
      expect(failed.error).not.toContain(SECRET);
      expect((await core.handlers['apps.status']({ appId: app.id })).summary).toBe('2/2 running');
      await repo.commit({ 'docker-compose.yml': COMPOSE_FILE }, 'Mend the compose file');
    }, 60_000);

    it('services a redeploy adds join the open combined log, from their first line, even one that exited', async () => {
      const { received: lines, sink } = collectingSink<ContainerLogLineDto>();
      const stop = core.handlers['apps.logs']({ appId: app.id, tail: 5, timestamps: false }, sink);
      let removed: DeploymentDto | undefined;
      const withReporter = COMPOSE_FILE.replace(
        'services:\n',
        `services:\n  reporter:\n    image: ${BASE_IMAGE}\n    command: ["sh", "-c", "echo reporter first line; while true; do echo reporter tick; sleep 0.2; done"]\n    stop_grace_period: 1s\n  oneshot:\n    image: ${BASE_IMAGE}\n    command: ["sh", "-c", "echo oneshot ran; exit 0"]\n`,
      );
      try {
        await until(() => lines.some((l) => l.text.startsWith('worker | worker tick')), 'a worker line');
        await repo.commit({ 'docker-compose.yml': withReporter }, 'Add a reporter service');
        const added = await waitForDeployment(
          core,
          (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
        );
        expect(added.status).toBe('success');
        await until(
          () => lines.some((l) => l.text === 'reporter | reporter tick'),
          'a line of the added service',
          30_000,
        );
        await until(
          () => lines.some((l) => l.text === 'oneshot | oneshot ran'),
          'the line of the one that exited',
          30_000,
        );
        const joined = lines.findIndex(
          (l) =>
            l.stream === 'system' &&
            /^reporter \| — \S+ started while the log was open: its log from the start —$/.test(l.text),
        );
        expect(joined).toBeGreaterThanOrEqual(0);
        // its whole log, not the tail the tab opened with: the line it printed first comes first
        const reporterLines = lines.slice(joined + 1).filter((l) => l.service === 'reporter' && l.stream !== 'system');
        expect(reporterLines[0]).toMatchObject({ stream: 'stdout', text: 'reporter | reporter first line' });
      } finally {
        stop();
        // back to the two services (compose removes the orphans), as the tests after this one expect,
        // even when this one failed
        await repo.commit({ 'docker-compose.yml': COMPOSE_FILE }, 'Remove the reporter service');
        removed = await waitForDeployment(
          core,
          (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
        );
      }
      expect(removed?.status).toBe('success');
      expect((await core.handlers['apps.status']({ appId: app.id })).summary).toBe('2/2 running');
    }, 120_000);

    it('a redeploy that rebuilds a service removes the image it replaced; an image a tag names stays', async () => {
      const [webBefore, workerBefore] = await Promise.all([serviceContainer('web'), serviceContainer('worker')]);
      await repo.commit(
        { 'web/Dockerfile': WEB_DOCKERFILE.replace('echo compose web', 'echo compose web, rebuilt') },
        'Rebuild web',
      );
      const rebuilt = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(rebuilt.status).toBe('success');
      const webAfter = await serviceContainer('web');
      expect(webAfter.Image).not.toBe(webBefore.Image);
      const gone = await local
        .getImage(webBefore.Image)
        .inspect()
        .then(
          () => false,
          (error: { statusCode?: number }) => error.statusCode === 404,
        );
      expect(gone).toBe(true);
      const log = (await core.handlers['deployments.log']({ deploymentId: rebuilt.id })).map((l) => l.text);
      expect(log).toContain(`Removed the image the rebuild replaced: ${webBefore.Image.slice(7, 19)}.`);
      // the worker runs the tagged base image, which stays whatever happens to its container
      expect((await serviceContainer('worker')).Image).toBe(workerBefore.Image);
      expect((await local.getImage(BASE_IMAGE).inspect()).Id).toBe(workerBefore.Image);
    }, 120_000);

    it('a missing compose file fails the deploy with the path to set', async () => {
      await core.handlers['apps.update']({ id: app.id, composeFile: 'deploy/missing.yml' });
      const failed = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(
        /^deploy\/missing\.yml not found in .+ at [0-9a-f]{12}; set the compose file path\.$/,
      );
      // the services it had keep running
      expect((await core.handlers['apps.status']({ appId: app.id })).summary).toBe('2/2 running');
      await core.handlers['apps.update']({ id: app.id, composeFile: 'docker-compose.yml' });
    }, 60_000);

    it('a compose app has no rollback: compose builds its services, so a commit is deployed instead', async () => {
      const history = await core.handlers['deployments.list']({ appId: app.id });
      const earlier = history.find((deployment) => deployment.status === 'success' && !deployment.active)!;
      const refused = await rejection(() => core.handlers['deploy.rollback']({ deploymentId: earlier.id }));
      expect(refused.message).toBe(
        `${app.name} is a compose app: compose builds its services. Deploy the commit to go back to instead.`,
      );
      expect((await core.handlers['deployments.list']({ appId: app.id })).length).toBe(history.length);
    });

    it('composeDown removes the services and the project network, and the override', async () => {
      const server = fixture.server;
      const result = await composeDown(core.pool.connection(server.id), core.pool.docker(server.id), app, {
        removeVolumes: false,
      });
      expect(result).toEqual({ via: 'compose', note: null });
      const label = `com.docker.compose.project=${project()}`;
      expect(await local.listContainers({ all: true, filters: { label: [label] } })).toEqual([]);
      expect((await local.listNetworks()).map((n) => n.Name)).not.toContain(`${project()}_default`);
      expect(existsSync(`${checkoutDir(app.projectId, app.name)}.mist-override.json`)).toBe(false);
      expect((await core.handlers['apps.status']({ appId: app.id })).status).toBe('stopped');
    }, 60_000);

    it('composeDown without a checkout removes the project through the Docker API', async () => {
      const again = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(again.status).toBe('success');
      await runChecked('rm', ['-rf', checkoutDir(app.projectId, app.name)]);
      const server = fixture.server;
      const result = await composeDown(core.pool.connection(server.id), core.pool.docker(server.id), app, {
        removeVolumes: true,
      });
      expect(result.via).toBe('docker-api');
      const label = `com.docker.compose.project=${project()}`;
      expect(await local.listContainers({ all: true, filters: { label: [label] } })).toEqual([]);
      expect(await local.listNetworks({ filters: { label: [label] } })).toEqual([]);
      expect(existsSync(`${checkoutDir(app.projectId, app.name)}.mist-override.json`)).toBe(false);
    }, 120_000);

    it('deleting the app through the API runs compose down, removes its checkout, then the app', async () => {
      const again = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(again.status).toBe('success');
      await core.handlers['apps.delete']({ appId: app.id, removeVolume: false });
      const label = `com.docker.compose.project=${project()}`;
      expect(await local.listContainers({ all: true, filters: { label: [label] } })).toEqual([]);
      expect(existsSync(checkoutDir(app.projectId, app.name))).toBe(false);
      expect((await core.handlers['apps.list']({})).some((listed) => listed.id === app.id)).toBe(false);
      const [entry] = await core.handlers['audit.list']({ limit: 1 });
      expect(entry?.summary).toBe(`Deleted app ${fixture.project.name}/${app.name}, its containers and its checkout.`);
    }, 120_000);
  },
);
