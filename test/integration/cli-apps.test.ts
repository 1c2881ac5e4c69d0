import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto, DeploymentDto, EnvVarDto, ProjectDto } from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';
import { findFreePort } from '../fixtures/free-port';
import { createFixtureRepo, indexHtmlWithVersion, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { httpGet } from '../support/deploy-helpers';
import { runMist, type MistResult, type MistRunOptions } from '../support/run-mist';

const SECRET = 'cli-s3cret-value-$(touch /tmp/pwned)';
const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

describeIntegration('mist CLI: projects, apps, env and deploy', ['sshd', 'docker', 'keychain', 'root'], () => {
  let sshd: TestSshd;
  let repo: FixtureRepo;
  let home: TempDir;
  let port: number;
  /** Unique per run: it names the image (mist/{project}-{app}:{commit}). */
  const project = `cli-${Date.now().toString(36)}`;
  const ref = `${project}/web`;
  let appId: string | undefined;

  /** The real CLI in a child process: stdin is a pipe (never a TTY), the store is a temp dir. */
  const mist = (args: string[], opts: MistRunOptions = {}): Promise<MistResult> => runMist(home.path, args, opts);

  const ok = async (args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<MistResult> => {
    const result = await mist(args, opts);
    expect(result.code, `mist ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  const json = async <T>(args: string[]): Promise<T> => JSON.parse((await ok(args)).stdout) as T;

  beforeAll(async () => {
    [sshd, repo, port] = await Promise.all([startTestSshd(), createFixtureRepo(), findFreePort()]);
    home = makeTempDir('mist-cli-apps-home');
    await ok([
      'server',
      'add',
      'web',
      '--host',
      sshd.host,
      '--port',
      String(sshd.port),
      '--user',
      sshd.users.docker.name,
      '--key',
      sshd.users.docker.privateKeyPath,
      '--accept-host-key',
      sshd.hostKeyFingerprint,
    ]);
  });

  afterAll(async () => {
    if (home && appId) await mist(['app', 'delete', ref]).catch(() => undefined);
    if (appId)
      await local
        .getContainer(`app-${appId}`)
        .remove({ force: true })
        .catch(() => {});
    const images = await local.listImages({ filters: { reference: [`mist/${project}-web`] } }).catch(() => []);
    for (const image of images)
      await local
        .getImage(image.Id)
        .remove({ force: true })
        .catch(() => {});
    if (home) {
      await mist(['server', 'remove', 'web']).catch(() => undefined);
      home.cleanup();
    }
    await Promise.all([sshd?.stop(), repo?.remove()]);
  });

  it('project create / list', async () => {
    const created = await ok(['project', 'create', project, '--server', 'web']);
    expect(created.stdout).toContain(`Created project ${project} on web.`);
    const [server] = await json<ServerDto[]>(['server', 'list', '--json']);
    const projects = await json<ProjectDto[]>(['project', 'list', '--json']);
    expect(projects).toEqual([expect.objectContaining({ name: project, serverId: server!.id, appCount: 0 })]);
    expect(Object.keys(projects[0]!).sort()).toEqual(['appCount', 'createdAt', 'id', 'name', 'serverId', 'updatedAt']);
    const table = await ok(['project', 'list']);
    expect(table.stdout).toMatch(new RegExp(`^${project}\\s+web\\s+0\\s+`, 'm'));
    const duplicate = await mist(['project', 'create', project, '--server', 'web']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim().split('\n')).toHaveLength(1);
    expect(duplicate.stderr).toMatch(/^mist: /);
  });

  it('app create / set / show --json', async () => {
    const created = await ok(['app', 'create', ref, '--type', 'web', '--port', String(port), '--git', repo.url]);
    expect(created.stdout).toContain(`Created web app ${ref}`);
    const set = await ok(['app', 'set', ref, '--cpu', '0.5', '--memory', '256', '--restart', 'on-failure']);
    expect(set.stdout).toBe(`Updated ${ref}: cpu 0.5 CPUs, memory 256 MB, restart on-failure.\n`);
    const health = await ok(['app', 'set', ref, '--health-path', '/index.html', '--health-timeout', '30']);
    expect(health.stdout).toBe(`Updated ${ref}: health check GET /index.html, 2xx or 3xx within 30 s.\n`);
    const shown = await ok(['app', 'show', ref]);
    expect(shown.stdout).toMatch(/^ {2}health +GET \/index\.html, 2xx or 3xx within 30 s$/m);
    const badPath = await mist(['app', 'set', ref, '--health-path', 'health']);
    expect(badPath.code).toBe(2);
    expect(badPath.stderr).toContain('invalid --health-path: a health check path starts with / and has no spaces');
    const app = await json<AppDto>(['app', 'show', ref, '--json']);
    appId = app.id;
    expect(app.healthCheck).toEqual({ path: '/index.html', timeoutS: 30 });
    expect(app).toMatchObject({
      name: 'web',
      type: 'web',
      port,
      gitUrl: repo.url,
      branch: 'main',
      dockerfilePath: './Dockerfile',
      rootDir: '/',
      cpuLimit: 0.5,
      memoryMb: 256,
      restartPolicy: 'on-failure',
      internalAddress: `app-${app.id}:${port}`,
    });
    expect(Object.keys(app).sort()).toEqual(
      [
        'autoDeploy',
        'branch',
        'compose',
        'cpuLimit',
        'createdAt',
        'database',
        'deployKey',
        'description',
        'dockerfilePath',
        'gitUrl',
        'hasGitToken',
        'healthCheck',
        'id',
        'internalAddress',
        'logRetention',
        'memoryMb',
        'name',
        'port',
        'projectId',
        'redeployPending',
        'restartPolicy',
        'rootDir',
        'serverId',
        'type',
        'updatedAt',
      ].sort(),
    );
    const human = await ok(['app', 'show', ref]);
    expect(human.stdout).toContain(`internal     app-${app.id}:${port}`);
    // --cpu none clears the limit; the schema refuses what the UI refuses, with exit 2
    expect((await json<AppDto>(['app', 'set', ref, '--cpu', 'none', '--json'])).cpuLimit).toBeNull();
    const refused = await mist(['app', 'set', ref, '--memory', '64']);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe(
      "mist: invalid --memory: the memory limit is at least 128 MB (see 'mist app set --help')\n",
    );
    const missing = await mist(['app', 'show', `${project}/nope`]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: `mist: No app named nope in project ${project}. Its apps: web.\n`,
    });
    const list = await json<AppDto[]>(['app', 'list', project, '--json']);
    expect(list.map((a) => a.name)).toEqual(['web']);
  });

  it('app deploy-key: --generate prints the public key line first, show repeats it, --remove clears it', async () => {
    expect((await ok(['app', 'deploy-key', ref])).stdout).toBe(
      `${ref} has no deploy key. Make one with: mist app deploy-key ${ref} --generate\n`,
    );
    const made = await ok(['app', 'deploy-key', ref, '--generate']);
    const [line, , summary] = made.stdout.split('\n');
    expect(line).toMatch(/^ssh-ed25519 AAAA\S+ mist-desktop web \(/);
    expect(made.stdout).not.toContain('PRIVATE KEY');
    const key = await json<{ publicKey: string; fingerprint: string }>(['app', 'deploy-key', ref, '--json']);
    expect(key.publicKey).toBe(line);
    expect(summary).toBe(`New deploy key of ${ref}: ${key.fingerprint}`);
    expect((await ok(['app', 'show', ref])).stdout).toContain(`deploy key   ${key.fingerprint}\n`);
    const both = await mist(['app', 'deploy-key', ref, '--generate', '--remove']);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(await json(['app', 'deploy-key', ref, '--remove', '--json'])).toBeNull();
    expect((await ok(['app', 'show', ref])).stdout).toContain('deploy key   none\n');
  });

  it('app check-access asks the branch head from the server; a missing branch exits 1 with its name', async () => {
    const head = await repo.head();
    expect(await json(['app', 'check-access', ref, '--json'])).toEqual({ branch: 'main', commit: head });
    expect((await ok(['app', 'check-access', ref])).stdout).toMatch(
      new RegExp(`^${ref}: the server can fetch main of \\S+ \\(at ${head}\\)\\.\n$`),
    );
    await ok(['app', 'set', ref, '--branch', 'no-such-branch']);
    const missing = await mist(['app', 'check-access', ref]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('The branch "no-such-branch" does not exist');
    await ok(['app', 'set', ref, '--branch', 'main']);
  });

  it('env set (plain, and a secret from stdin) / list masks the secret / import reports a bad line', async () => {
    const plain = await ok(['env', 'set', ref, `PORT=${port}`, 'GREETING=a=b c', '--scope', 'runtime']);
    expect(plain.stdout).toContain('Set variables PORT, GREETING');
    const secret = await ok(['env', 'set', ref, 'SECRET_TOKEN=-', '--secret'], { input: `${SECRET}\n` });
    expect(secret.stdout + secret.stderr).not.toContain(SECRET);

    const vars = await json<EnvVarDto[]>(['env', 'list', ref, '--json']);
    expect(vars.map((v) => [v.key, v.value, v.secret, v.scope])).toEqual([
      ['GREETING', 'a=b c', false, 'runtime'],
      ['PORT', String(port), false, 'runtime'],
      ['SECRET_TOKEN', null, true, 'both'],
    ]);
    const table = await ok(['env', 'list', ref]);
    expect(table.stdout).not.toContain(SECRET);
    expect(table.stdout).toMatch(/^SECRET_TOKEN\s+\*{8}\s+both\s+secret$/m);

    const file = join(home.path, 'app.env');
    writeFileSync(file, '# imported\nexport BUILD_GREETING="hello from the cli"\nthis is not a variable\n');
    const imported = await mist(['env', 'import', ref, file]);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain(`Imported 1 variable into ${ref}.`);
    expect(imported.stderr).toBe(`mist: ${file}:3: expected KEY=value\n`);
    const after = await json<EnvVarDto[]>(['env', 'list', ref, '--json']);
    expect(after.find((v) => v.key === 'BUILD_GREETING')).toMatchObject({ value: 'hello from the cli', scope: 'both' });
  });

  it('deploy streams the stages and the build log live and exits 0; deployments --json shows #1 success', async () => {
    const result = await mist(['deploy', ref], { timeoutMs: 240_000 });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).toBe('');
    const stdout = result.stdout;
    expect(stdout).toMatch(new RegExp(`^Deploying ${ref}: deployment #1 `));
    const stages = ['resolve', 'fetch', 'build', 'deploy'].map((stage) => stdout.indexOf(`\n==> ${stage}\n`));
    expect(
      stages.every((at) => at > 0),
      stdout,
    ).toBe(true);
    expect([...stages].sort((a, b) => a - b)).toEqual(stages);
    expect(stdout).toMatch(new RegExp(`\\n==> success: ${ref} deployment #1 in .+\\n$`));
    expect(stdout).not.toContain(SECRET);

    // every line of the stored build log was streamed, in order, between the first and last stage
    const log = (await ok(['logs', 'build', ref])).stdout.split('\n').filter((line) => line.length > 0);
    expect(log.length).toBeGreaterThan(3);
    let from = 0;
    for (const line of log) {
      const at = stdout.indexOf(`${line}\n`, from);
      expect(at, `log line not streamed in order: ${line}`).toBeGreaterThanOrEqual(from);
      from = at + line.length;
    }
    expect(log.join('\n')).not.toContain(SECRET);

    const deployments = await json<DeploymentDto[]>(['deployments', ref, '--json']);
    expect(deployments).toHaveLength(1);
    // the JSON contract of docs/cli.md
    expect(Object.keys(deployments[0]!).sort()).toEqual([
      'active',
      'appId',
      'commitAuthor',
      'commitHash',
      'commitMessage',
      'createdAt',
      'durationMs',
      'error',
      'finishedAt',
      'id',
      'image',
      'number',
      'rollbackOf',
      'stages',
      'status',
      'trigger',
    ]);
    expect(deployments[0]!.rollbackOf).toBe(null);
    expect(deployments[0]).toMatchObject({ number: 1, status: 'success', trigger: 'cli', active: true, error: null });
    expect(deployments[0]!.commitHash).toBe(await repo.head());
    const table = await ok(['deployments', ref]);
    expect(table.stdout).toMatch(/^1\s+success\s+yes\s+[0-9a-f]{7}\s+cli\s+/m);

    const index = await httpGet(port, '/index.html');
    expect(index.body).toContain('mist-fixture-app version 1');
    expect((await httpGet(port, '/build.txt')).body.trim()).toBe('hello from the cli');
  });

  it('deploy --no-wait returns at once and a background worker finishes the deployment', async () => {
    await repo.commit({ 'www/index.html': indexHtmlWithVersion(2) }, 'Version 2');
    const started = await mist(['deploy', ref, '--no-wait', '--json']);
    expect(started.code, started.stderr).toBe(0);
    const deployment = JSON.parse(started.stdout) as DeploymentDto;
    expect(deployment).toMatchObject({ number: 2, status: 'pending', trigger: 'cli' });
    // No other mist process meanwhile (see docs/cli.md, known limitations): watch the server instead.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const info = await local
        .getContainer(`app-${appId}`)
        .inspect()
        .catch(() => null);
      if (info?.Config.Labels?.['mist.deployment'] === deployment.id && info.State.Running) break;
      if (Date.now() > deadline) throw new Error('the background deploy did not replace the container');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await httpGet(port, '/index.html')).body).toContain('mist-fixture-app version 2');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [latest] = await json<DeploymentDto[]>(['deployments', ref, '--json']);
    expect(latest).toMatchObject({ id: deployment.id, number: 2, status: 'success', active: true });
    expect((await ok(['logs', 'build', ref, '2'])).stdout).toContain('Deployment #2 succeeded');
  });

  it('rollback goes back to #1 without a build, and rollback 2 goes forward again', async () => {
    const back = await mist(['rollback', ref], { timeoutMs: 120_000 });
    expect(back.code, `${back.stdout}\n${back.stderr}`).toBe(0);
    expect(back.stdout).toMatch(new RegExp(`^Rolling ${ref} back to #1: deployment #3 `));
    expect(back.stdout).toContain('\n==> deploy\n');
    expect(back.stdout).not.toContain('\n==> build\n');
    expect(back.stdout).toMatch(new RegExp(`\\n==> success: ${ref} deployment #3 in .+\\n$`));
    expect((await httpGet(port, '/index.html')).body).toContain('mist-fixture-app version 1');
    const table = await ok(['deployments', ref]);
    expect(table.stdout).toMatch(/^3\s+success\s+yes\s+[0-9a-f]{7}\s+rollback to #1\s+/m);

    const forward = await mist(['rollback', ref, '2', '--json'], { timeoutMs: 120_000 });
    expect(forward.code, forward.stderr).toBe(0);
    expect(JSON.parse(forward.stdout)).toMatchObject({ number: 4, status: 'success', rollbackOf: 2, active: true });
    expect((await httpGet(port, '/index.html')).body).toContain('mist-fixture-app version 2');

    const running = await mist(['rollback', ref, '4']);
    expect(running.code).toBe(1);
    expect(running.stderr).toBe('mist: Deployment #4 is the one running now.\n');
    const bad = await mist(['rollback', ref, 'latest']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("NUMBER is a deployment number such as 3 (got 'latest')");
  });

  it('usage prints what the running container uses; nothing once it is stopped', async () => {
    const table = await ok(['usage', ref]);
    expect(table.stdout).toMatch(/^CONTAINER\s+CPU\s+MEMORY\s+LIMIT\s+NET IN\s+NET OUT\n/);
    expect(table.stdout).toMatch(/^container\s+\d+\.\d%\s+[\d.]+ (B|KiB|MiB)\s+[\d.]+ (MiB|GiB)\s+/m);
    const usage = await json<{ appId: string; containers: Array<Record<string, unknown>> }>(['usage', ref, '--json']);
    expect(usage.appId).toBe(appId);
    expect(Object.keys(usage.containers[0]!).sort()).toEqual([
      'at',
      'containerId',
      'cpuPercent',
      'memoryBytes',
      'memoryLimitBytes',
      'networkRxBytes',
      'networkTxBytes',
      'service',
    ]);
  });

  it('stop / start the app', async () => {
    expect((await ok(['stop', ref])).stdout).toMatch(new RegExp(`^${ref}: stopped`));
    expect((await ok(['usage', ref])).stdout).toBe(`${ref} has no running container.\n`);
    expect((await ok(['start', ref])).stdout).toMatch(new RegExp(`^${ref}: running`));
    expect((await httpGet(port, '/index.html')).status).toBe(200);
  });

  it('database apps: templates, create from a template, db url (masked, --reveal), version rules, delete keeps the volume', async () => {
    const listed = await ok(['templates']);
    expect(listed.stdout).toMatch(/^redis\s+Redis\s+redis:7\.4\s/m);
    expect(listed.stdout).toMatch(/^postgres\s+PostgreSQL\s+postgres:/m);
    const catalog = await json<{ templates: Array<{ id: string }> }>(['templates', '--json']);
    expect(catalog.templates.map((t) => t.id)).toEqual(
      expect.arrayContaining(['postgres', 'mysql', 'mariadb', 'redis', 'mongodb']),
    );

    const db = `${project}/cache`;
    const created = await ok(['app', 'create', db, '--type', 'database', '--template', 'redis', '--version', '7.2']);
    expect(created.stdout).toMatch(/Created database app .* from the redis template, version 7\.2/);
    const app = await json<AppDto>(['app', 'show', db, '--json']);
    expect(app.database).toMatchObject({ templateId: 'redis', tag: '7.2', publishPort: false });

    const masked = await ok(['db', 'url', db]);
    expect(masked.stdout).toContain(`app-${app.id}:6379`);
    expect(masked.stdout).toContain(`redis://default:••••••••@app-${app.id}:6379/0`);
    const revealed = await json<{ strings: Array<{ value: string }> }>(['db', 'url', db, '--reveal', '--json']);
    expect(revealed.strings[0]!.value).toMatch(new RegExp(`^redis://default:[A-Za-z0-9]{32}@app-${app.id}:6379/0$`));

    const publish = await ok(['app', 'set', db, '--publish-port', 'on']);
    expect(publish.stderr).toMatch(/^Warning: Publishing opens port 6379/);
    expect(publish.stdout).toContain('published port on (host port 6379)');
    const major = await mist(['app', 'set', db, '--version', '8.0']);
    expect(major.code).toBe(1);
    expect(major.stderr).toMatch(/major version/);
    const notDatabase = await mist(['app', 'set', ref, '--version', '7.4']);
    expect(notDatabase.code).toBe(1);
    expect(notDatabase.stderr).toMatch(/Only database apps have a version/);

    const deleted = await ok(['app', 'delete', db]);
    expect(deleted.stdout).toBe(`Deleted ${db}. Its data volume mist-${app.id}-data was kept.\n`);
  });
});
