import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { APP_CREATE_HELP, APP_HELP, ENV_SET_HELP } from '../../src/main/cli/help';
import type { CliCore, OpenCoreOptions } from '../../src/main/cli/open-core';
import { runCli } from '../../src/main/cli/run-cli';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import type { StreamSink } from '../../src/main/core/api/stream-sink';
import { parseDotenv } from '../../src/shared/dotenv';
import type {
  AppDto,
  AppStatusDto,
  DeployStage,
  DeploymentDto,
  DeploymentEventDto,
  DeploymentStatus,
  EnvVarDto,
  LogLineDto,
  ProjectDto,
} from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';
import { MistError } from '../../src/shared/errors';
import { projectDto, serverDto } from '../support/dto-fixtures';

const T0 = '2026-11-26T12:00:00.000Z';

function makeIo(options: { stdin?: string; cwd?: string } = {}) {
  const out = { stdout: '', stderr: '' };
  const interrupt: { listener: (() => void) | null } = { listener: null };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    stdin: Readable.from(options.stdin !== undefined ? [options.stdin] : []),
    isTTY: false,
    env: {},
    cwd: options.cwd ?? '/home/me',
    now: () => Date.parse(T0) + 60_000,
    onInterrupt: (listener: () => void) => {
      interrupt.listener = listener;
      return () => {
        interrupt.listener = null;
      };
    },
  };
  return { io, out, interrupt };
}

const server: ServerDto = serverDto();

/** One step of a fake deploy, run one per tick after deploy.start. */
type Step =
  | { status: DeploymentStatus; stage?: Exclude<DeployStage, 'queued'>; message?: string; error?: string }
  | { log: string; stream?: LogLineDto['stream'] }
  | 'hang';

/**
 * An in-memory stand-in for the project, app, env and deploy channels, close enough to the core:
 * `deployments.watch` sends the snapshot (status, stored lines) and then live events, like the real one.
 */
function fakeCore(options: { steps?: Step[]; projects?: ProjectDto[]; cancelHangs?: boolean } = {}) {
  const projects: ProjectDto[] = [...(options.projects ?? [])];
  const apps: AppDto[] = [];
  const env = new Map<string, EnvVarDto[]>();
  const deployments: DeploymentDto[] = [];
  const logs = new Map<string, LogLineDto[]>();
  const events = new EventEmitter();
  const calls: Array<{ channel: string; input: unknown }> = [];
  const opened: OpenCoreOptions[] = [];
  let closed = 0;
  let nextId = 1;
  const id = (prefix: string) => `${prefix}${nextId++}`;
  const record = (channel: string, input: unknown) => calls.push({ channel, input });
  const appById = (appId: string) => {
    const app = apps.find((a) => a.id === appId);
    if (!app) throw new MistError('not-found', `No app ${appId}`);
    return app;
  };
  const deploymentById = (deploymentId: string) => {
    const d = deployments.find((x) => x.id === deploymentId);
    if (!d) throw new MistError('not-found', `No deployment ${deploymentId}`);
    return d;
  };
  const publish = (d: DeploymentDto, message: string | null = null) =>
    events.emit('event', {
      kind: 'status',
      deployment: { ...d, stages: [...d.stages] },
      message,
    } satisfies DeploymentEventDto);
  const appendLog = (d: DeploymentDto, text: string, stream: LogLineDto['stream'] = 'stdout') => {
    const lines = logs.get(d.id)!;
    const line = { seq: lines.length + 1, stream, text, at: T0 };
    lines.push(line);
    events.emit('event', { kind: 'log', deploymentId: d.id, line } satisfies DeploymentEventDto);
  };
  const finish = (d: DeploymentDto, status: DeploymentStatus, error: string | null) => {
    d.status = status;
    d.error = error;
    d.finishedAt = T0;
    d.durationMs = 4200;
    if (status === 'success') for (const other of deployments) other.active = other === d;
    publish(d, error);
  };
  const run = (d: DeploymentDto, steps: Step[]) => {
    const [step, ...rest] = steps;
    if (step === undefined || step === 'hang' || d.status === 'cancelled') return;
    if ('log' in step) appendLog(d, step.log, step.stream);
    else if (step.status === 'success' || step.status === 'failed' || step.status === 'cancelled') {
      finish(d, step.status, step.error ?? null);
    } else {
      d.status = step.status;
      if (step.stage) d.stages.push({ stage: step.stage, startedAt: T0, durationMs: null });
      publish(d, step.message ?? null);
    }
    setImmediate(() => run(d, rest));
  };

  const handlers = {
    'projects.list': () => projects.map((p) => ({ ...p, appCount: apps.filter((a) => a.projectId === p.id).length })),
    'projects.create': (input: { name: string; serverId: string }) => {
      record('projects.create', input);
      const project = { id: id('p'), ...input, appCount: 0, createdAt: T0, updatedAt: T0 };
      projects.push(project);
      return project;
    },
    'apps.list': (input: { projectId?: string }) => {
      record('apps.list', input);
      return apps.filter((a) => !input.projectId || a.projectId === input.projectId);
    },
    'apps.get': ({ appId }: { appId: string }) => appById(appId),
    'apps.create': (
      input: Omit<AppDto, 'id' | 'serverId' | 'internalAddress' | 'redeployPending' | 'createdAt' | 'updatedAt'>,
    ) => {
      record('apps.create', input);
      const appId = id('a');
      const project = projects.find((p) => p.id === input.projectId)!;
      // what the core derives from the flat create fields
      const {
        logMaxSizeMb = 50,
        logMaxFiles = 5,
        healthCheckPath = null,
        healthCheckTimeoutS = 60,
      } = input as unknown as {
        logMaxSizeMb?: number;
        logMaxFiles?: number;
        healthCheckPath?: string | null;
        healthCheckTimeoutS?: number;
      };
      const app: AppDto = {
        ...input,
        logRetention: { maxSizeMb: logMaxSizeMb, maxFiles: logMaxFiles },
        healthCheck: { path: healthCheckPath, timeoutS: healthCheckTimeoutS },
        id: appId,
        serverId: project.serverId,
        internalAddress: `app-${appId}:${input.port}`,
        redeployPending: false,
        createdAt: T0,
        updatedAt: T0,
      };
      apps.push(app);
      env.set(appId, []);
      return app;
    },
    'apps.update': (input: Partial<AppDto> & { id: string }) => {
      record('apps.update', input);
      const app = appById(input.id);
      Object.assign(app, input, { redeployPending: true });
      return app;
    },
    'apps.delete': ({ appId }: { appId: string }) => {
      record('apps.delete', { appId });
      apps.splice(apps.indexOf(appById(appId)), 1);
      return { removed: true };
    },
    'apps.control': (input: { appId: string; action: string }): AppStatusDto => {
      record('apps.control', input);
      const running = input.action !== 'stop';
      return {
        appId: input.appId,
        status: running ? 'running' : 'stopped',
        containerState: running ? 'running' : 'exited',
        startedAt: running ? T0 : null,
        exitCode: running ? null : 0,
      };
    },
    'env.list': ({ appId }: { appId: string }) => env.get(appId) ?? [],
    'env.set': (input: {
      appId: string;
      vars: Array<{ key: string; value: string; secret: boolean; scope: 'both' }>;
    }) => {
      record('env.set', input);
      const vars = env.get(input.appId)!;
      for (const v of input.vars) {
        const existing = vars.findIndex((x) => x.key === v.key);
        // the fake returns secret values too: the CLI must mask them itself
        const entry = { key: v.key, value: v.value, secret: v.secret, scope: v.scope, updatedAt: T0 };
        if (existing >= 0) vars[existing] = entry;
        else vars.push(entry);
      }
      return vars;
    },
    'env.import': (input: { appId: string; dotenv: string; secret: boolean; scope: 'both' }) => {
      record('env.import', input);
      const parsed = parseDotenv(input.dotenv);
      handlers['env.set']({
        appId: input.appId,
        vars: parsed.entries.map((e) => ({ ...e, secret: input.secret, scope: input.scope })),
      });
      return { imported: parsed.entries.length, errors: parsed.errors };
    },
    'env.delete': (input: { appId: string; key: string }) => {
      record('env.delete', input);
      const vars = env.get(input.appId)!;
      const at = vars.findIndex((v) => v.key === input.key);
      if (at < 0) throw new MistError('not-found', `No variable ${input.key}.`);
      vars.splice(at, 1);
      return { removed: true };
    },
    'deploy.start': (input: { appId: string; trigger: 'cli' | 'manual' }) => {
      record('deploy.start', input);
      appById(input.appId);
      const d: DeploymentDto = {
        id: id('d'),
        appId: input.appId,
        number: deployments.filter((x) => x.appId === input.appId).length + 1,
        status: 'pending',
        trigger: input.trigger,
        commitHash: null,
        commitMessage: null,
        commitAuthor: null,
        image: null,
        stages: [],
        error: null,
        active: false,
        createdAt: T0,
        finishedAt: null,
        durationMs: null,
        rollbackOf: null,
      };
      deployments.push(d);
      logs.set(d.id, []);
      setImmediate(() => run(d, options.steps ?? []));
      return { ...d };
    },
    'deploy.cancel': ({ deploymentId }: { deploymentId: string }) => {
      record('deploy.cancel', { deploymentId });
      const d = deploymentById(deploymentId);
      if (options.cancelHangs) return { ...d };
      setImmediate(() => {
        appendLog(d, 'Cancelled: Cancelled by the user.', 'system');
        finish(d, 'cancelled', 'Cancelled by the user.');
      });
      return { ...d };
    },
    'deployments.list': ({ appId }: { appId: string }) =>
      deployments.filter((d) => d.appId === appId).map((d) => ({ ...d })),
    'deployments.get': ({ deploymentId }: { deploymentId: string }) => ({ ...deploymentById(deploymentId) }),
    'deployments.log': ({ deploymentId }: { deploymentId: string }) => [...(logs.get(deploymentId) ?? [])],
    'deployments.watch': ({ deploymentId }: { deploymentId: string }, sink: StreamSink<DeploymentEventDto>) => {
      record('deployments.watch', { deploymentId });
      const now = deploymentById(deploymentId);
      sink.push({ kind: 'status', deployment: { ...now, stages: [...now.stages] }, message: null });
      for (const line of logs.get(deploymentId) ?? []) sink.push({ kind: 'log', deploymentId, line });
      const forward = (event: DeploymentEventDto) => {
        if ((event.kind === 'log' ? event.deploymentId : event.deployment.id) === deploymentId) sink.push(event);
      };
      events.on('event', forward);
      return () => events.off('event', forward);
    },
  };

  const resolve = (name: string) => {
    if (name !== server.name && name !== server.id) throw new MistError('not-found', `No server named ${name}.`);
    return server;
  };
  const core: CliCore = {
    servers: {
      list: () => [server],
      get: resolve,
      resolve,
      probeHostKey: async () => {
        throw new Error('not used');
      },
      add: async () => {
        throw new Error('not used');
      },
      remove: async () => undefined,
      acceptHostKey: () => server,
    },
    check: async () => {
      throw new Error('not used');
    },
    handlers: handlers as unknown as ApiHandlers,
    close: async () => {
      closed += 1;
    },
  };
  const openCore = async (opts: OpenCoreOptions) => {
    opened.push(opts);
    return core;
  };
  const detached: string[] = [];
  return {
    deps: {
      openCore,
      startDetachedDeploy: async (ref: string) => {
        detached.push(ref);
        return { ...deployments[0]!, status: 'pending' as const };
      },
    },
    calls,
    callsTo: (channel: string) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    projects,
    apps,
    env,
    deployments,
    detached,
    opened,
    get closed() {
      return closed;
    },
  };
}

/** A fake with project shop on web-1 and app shop/web (with a repository). */
async function withShop(options: Parameters<typeof fakeCore>[0] = {}) {
  const fake = fakeCore(options);
  const cli = async (argv: string[], ioOptions: Parameters<typeof makeIo>[0] = {}) => {
    const { io, out, interrupt } = makeIo(ioOptions);
    const code = await runCli(argv, io, fake.deps);
    return { code, ...out, interrupt };
  };
  expect((await cli(['project', 'create', 'shop', '--server', 'web-1'])).code).toBe(0);
  expect((await cli(['app', 'create', 'shop/web', '--type', 'web', '--git', 'me/shop'])).code).toBe(0);
  return { fake, cli };
}

describe('mist project', () => {
  it('creates a project on a saved server and lists projects', async () => {
    const fake = fakeCore();
    const { io, out } = makeIo();
    expect(await runCli(['project', 'create', 'shop', '--server', 'web-1'], io, fake.deps)).toBe(0);
    expect(fake.callsTo('projects.create')).toEqual([{ name: 'shop', serverId: 'srv1' }]);
    expect(out.stdout).toBe('Created project shop on web-1. Add an app with: mist app create shop/APP --type web\n');
    expect(fake.opened).toEqual([{ useSecretOverride: true }]);
    expect(fake.closed).toBe(1);

    const list = makeIo();
    expect(await runCli(['project', 'list', '--json'], list.io, fake.deps)).toBe(0);
    expect(JSON.parse(list.out.stdout)).toEqual([
      { id: 'p1', name: 'shop', serverId: 'srv1', appCount: 0, createdAt: T0, updatedAt: T0 },
    ]);
    const table = makeIo();
    expect(await runCli(['project', 'list'], table.io, fake.deps)).toBe(0);
    expect(table.out.stdout).toBe('NAME  SERVER  APPS  CREATED\nshop  web-1   0     1 min ago\n');
  });

  it('names the missing server', async () => {
    const fake = fakeCore();
    const { io, out } = makeIo();
    expect(await runCli(['project', 'create', 'shop', '--server', 'nope'], io, fake.deps)).toBe(1);
    expect(out.stderr).toBe('mist: No server named nope.\n');
  });
});

describe('mist app', () => {
  it('creates an app with the schema defaults and the project id', async () => {
    const { fake } = await withShop();
    expect(fake.callsTo('apps.create')).toEqual([
      {
        projectId: 'p1',
        name: 'web',
        type: 'web',
        description: '',
        port: 3000,
        publishPort: false,
        gitUrl: 'me/shop',
        branch: 'main',
        dockerfilePath: './Dockerfile',
        rootDir: '/',
        cpuLimit: null,
        memoryMb: null,
        restartPolicy: 'unless-stopped',
      },
    ]);
  });

  it('says which projects and apps exist when a name does not', async () => {
    const { cli } = await withShop();
    let result = await cli(['app', 'show', 'shopp/web']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('mist: No project named shopp. Projects: shop.\n');
    result = await cli(['app', 'show', 'shop/wbe']);
    expect(result.stderr).toBe('mist: No app named wbe in project shop. Its apps: web.\n');
    result = await cli(['app', 'create', 'blog/web', '--type', 'web']);
    expect(result.stderr).toBe('mist: No project named blog. Projects: shop.\n');
    const empty = fakeCore();
    const { io, out } = makeIo();
    expect(await runCli(['deploy', 'shop/web'], io, empty.deps)).toBe(1);
    expect(out.stderr).toMatch(
      /^mist: No project named shop: there are no projects yet \(create one with: mist project create/,
    );
  });

  it('asks for the id when two projects share a name', async () => {
    const twin = (id: string, serverId: string): ProjectDto => projectDto({ id, serverId, appCount: 0 });
    const fake = fakeCore({ projects: [twin('pa', 's1'), twin('pb', 's2')] });
    const { io, out } = makeIo();
    expect(await runCli(['app', 'list', 'shop'], io, fake.deps)).toBe(1);
    expect(out.stderr).toBe('mist: More than one project is named shop; name it by its id instead: pa, pb.\n');
    const byId = makeIo();
    expect(await runCli(['app', 'list', 'pb', '--json'], byId.io, fake.deps)).toBe(0);
    expect(JSON.parse(byId.out.stdout)).toEqual([]);
  });

  it('shows an app as JSON (the AppDto) and as text', async () => {
    const { cli, fake } = await withShop();
    const json = await cli(['app', 'show', 'shop/web', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(fake.apps[0]);
    const text = await cli(['app', 'show', 'shop/web']);
    expect(text.stdout).toMatch(/^shop\/web {2}\(web app, id a2\)\n/);
    expect(text.stdout).toContain('internal     app-a2:3000');
    expect(text.stdout).toContain('logs kept    5 files of 50 MB (the older compressed)');
    expect(text.stdout).toContain('health       none (a new container must only stay up)');
  });

  it('sets how much log Docker keeps, said once for both flags', async () => {
    const { cli, fake } = await withShop();
    const result = await cli(['app', 'set', 'shop/web', '--log-size', '20', '--log-files', '3']);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.callsTo('apps.update')).toEqual([{ id: 'a2', logMaxSizeMb: 20, logMaxFiles: 3 }]);
    const bad = await cli(['app', 'set', 'shop/web', '--log-size', '20MB']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid --log-size: megabytes per log file, such as 50 (got '20MB')");
  });

  it('sets the health check; none turns it off', async () => {
    const { cli, fake } = await withShop();
    const set = await cli(['app', 'set', 'shop/web', '--health-path', '/health', '--health-timeout', '30']);
    expect(set.code, set.stderr).toBe(0);
    const off = await cli(['app', 'set', 'shop/web', '--health-path', 'none']);
    expect(off.code, off.stderr).toBe(0);
    expect(fake.callsTo('apps.update')).toEqual([
      { id: 'a2', healthCheckPath: '/health', healthCheckTimeoutS: 30 },
      { id: 'a2', healthCheckPath: null },
    ]);
    const bad = await cli(['app', 'set', 'shop/web', '--health-timeout', '1m']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid --health-timeout: seconds, such as 60 (got '1m')");
  });

  it('sets only the given settings; none clears a limit', async () => {
    const { cli, fake } = await withShop();
    const result = await cli(['app', 'set', 'shop/web', '--cpu', 'none', '--memory', '256', '--restart', 'always']);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.callsTo('apps.update')).toEqual([{ id: 'a2', cpuLimit: null, memoryMb: 256, restartPolicy: 'always' }]);
    expect(result.stdout).toBe(
      'Updated shop/web: cpu no limit, memory 256 MB, restart always.\nA redeploy applies it: mist deploy shop/web\n',
    );
  });

  it('lists apps and deletes one', async () => {
    const { cli, fake } = await withShop();
    const list = await cli(['app', 'list']);
    expect(list.stdout).toMatch(
      /^APP\s+TYPE\s+PORT\s+REPOSITORY\s+BRANCH\s+CHANGES\nshop\/web\s+web\s+3000\s+me\/shop\s+main\s+-\n$/,
    );
    const deleted = await cli(['app', 'delete', 'shop/web']);
    expect(deleted).toMatchObject({ code: 0, stdout: 'Deleted shop/web.\n' });
    expect(fake.apps).toEqual([]);
  });

  it('prints help for the new groups and commands without opening the core', async () => {
    const fake = fakeCore();
    for (const [argv, help] of [
      [['app', '--help'], APP_HELP],
      [['app', 'create', '--help'], APP_CREATE_HELP],
      [['help', 'env', 'set'], ENV_SET_HELP],
      [['env', 'set', 'shop/web', 'A=1', '-h'], ENV_SET_HELP],
    ] as const) {
      const { io, out } = makeIo();
      expect(await runCli([...argv], io, fake.deps)).toBe(0);
      expect(out.stdout).toBe(help);
    }
    const { io, out } = makeIo();
    expect(await runCli(['app', 'frob'], io, fake.deps)).toBe(2);
    expect(out.stderr).toBe("mist: unknown command 'app frob' (see 'mist app --help')\n");
    expect(fake.opened).toEqual([]);
  });
});

describe('mist env', () => {
  it('sets plain values and a secret read from stdin, which never reaches stdout or stderr', async () => {
    const { cli, fake } = await withShop();
    let result = await cli(['env', 'set', 'shop/web', 'NODE_ENV=production', 'URL=https://x/?a=b']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      'Set variables NODE_ENV, URL on shop/web. A redeploy applies them: mist deploy shop/web\n',
    );
    result = await cli(['env', 'set', 'shop/web', 'TOKEN=-', '--secret', '--scope', 'runtime'], { stdin: 's3cr=t\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      'Set variable TOKEN (secret) on shop/web. A redeploy applies it: mist deploy shop/web\n',
    );
    expect(fake.callsTo('env.set')).toEqual([
      {
        appId: 'a2',
        vars: [
          { key: 'NODE_ENV', value: 'production', secret: false, scope: 'both' },
          { key: 'URL', value: 'https://x/?a=b', secret: false, scope: 'both' },
        ],
      },
      { appId: 'a2', vars: [{ key: 'TOKEN', value: 's3cr=t', secret: true, scope: 'runtime' }] },
    ]);

    const json = await cli(['env', 'list', 'shop/web', '--json']);
    expect(json.stdout).not.toContain('s3cr=t');
    expect(JSON.parse(json.stdout)).toEqual([
      { key: 'NODE_ENV', value: 'production', secret: false, scope: 'both', updatedAt: T0 },
      { key: 'TOKEN', value: null, secret: true, scope: 'runtime', updatedAt: T0 },
      { key: 'URL', value: 'https://x/?a=b', secret: false, scope: 'both', updatedAt: T0 },
    ]);
    const table = await cli(['env', 'list', 'shop/web']);
    expect(table.stdout).not.toContain('s3cr=t');
    expect(table.stdout).toMatch(/^TOKEN\s+\*{8}\s+runtime\s+secret$/m);
  });

  it('refuses an empty stdin for KEY=-', async () => {
    const { cli, fake } = await withShop();
    const result = await cli(['env', 'set', 'shop/web', 'TOKEN=-']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("mist: TOKEN=-: stdin was empty (see 'mist env set --help')\n");
    expect(fake.callsTo('env.set')).toEqual([]);
  });

  it('imports a .env file and reports each bad line with exit 1', async () => {
    const { cli, fake } = await withShop();
    const dir = mkdtempSync(join(tmpdir(), 'mist-cli-env-'));
    try {
      writeFileSync(join(dir, 'prod.env'), '# comment\nexport A=1\nnot a line\nB="two\\nlines"\n9X=bad\n');
      const result = await cli(['env', 'import', 'shop/web', 'prod.env', '--scope', 'build'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('Imported 2 variables into shop/web. A redeploy applies them: mist deploy shop/web\n');
      expect(result.stderr).toBe(
        'mist: prod.env:3: expected KEY=value\nmist: prod.env:5: "9X" is not a valid variable name\n',
      );
      expect(fake.callsTo('env.import')).toEqual([
        { appId: 'a2', dotenv: expect.stringContaining('export A=1'), secret: false, scope: 'build' },
      ]);
      const missing = await cli(['env', 'import', 'shop/web', 'nope.env'], { cwd: dir });
      expect(missing).toMatchObject({ code: 1, stderr: 'mist: Cannot read nope.env: no such file.\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports from stdin with -, exit 0 when every line is good', async () => {
    const { cli } = await withShop();
    const result = await cli(['env', 'import', 'shop/web', '-', '--secret'], { stdin: 'A=1\nB=2\n' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Imported 2 variables \(secret\) into shop\/web\./);
  });

  it('unsets a variable', async () => {
    const { cli, fake } = await withShop();
    await cli(['env', 'set', 'shop/web', 'A=1']);
    const result = await cli(['env', 'unset', 'shop/web', 'A']);
    expect(result).toMatchObject({
      code: 0,
      stdout: 'Removed A from shop/web. A redeploy applies it: mist deploy shop/web\n',
    });
    expect(fake.callsTo('env.delete')).toEqual([{ appId: 'a2', key: 'A' }]);
    const again = await cli(['env', 'unset', 'shop/web', 'A']);
    expect(again).toMatchObject({ code: 1, stderr: 'mist: No variable A.\n' });
  });
});

const SUCCESS: Step[] = [
  { status: 'building', stage: 'resolve', message: 'main is at 3f2a1c9' },
  { status: 'building', stage: 'fetch' },
  { log: 'HEAD is now at 3f2a1c9' },
  { status: 'building', stage: 'build' },
  { log: 'Step 1/4 : FROM busybox' },
  { log: 'Successfully built' },
  { status: 'deploying', stage: 'deploy' },
  { log: 'Deployment #1 succeeded in 4.2 s.', stream: 'system' },
  { status: 'success' },
];

describe('mist deploy', () => {
  it('streams stages and the build log in order, each line once, and exits 0 on success', async () => {
    const { cli, fake } = await withShop({ steps: SUCCESS });
    const result = await cli(['deploy', 'shop/web']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Deploying shop/web: deployment #1 (pending).',
        '==> resolve',
        '    main is at 3f2a1c9',
        '==> fetch',
        'HEAD is now at 3f2a1c9',
        '==> build',
        'Step 1/4 : FROM busybox',
        'Successfully built',
        '==> deploy',
        'Deployment #1 succeeded in 4.2 s.',
        '==> success: shop/web deployment #1 in 4.2 s',
        '',
      ].join('\n'),
    );
    expect(fake.callsTo('deploy.start')).toEqual([{ appId: 'a2', trigger: 'cli' }]);
    expect(fake.callsTo('deployments.watch')).toHaveLength(1);
  });

  it('exits 1 on failure with the error as the mist: line', async () => {
    const { cli } = await withShop({
      steps: [
        { status: 'building', stage: 'build' },
        { log: 'BROKEN_BUILD_MESSAGE' },
        { status: 'failed', error: 'docker build exited with status 3' },
      ],
    });
    const result = await cli(['deploy', 'shop/web']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN_BUILD_MESSAGE\n==> failed: shop/web deployment #1 after 4.2 s\n');
    expect(result.stderr).toBe('mist: deployment #1 of shop/web failed: docker build exited with status 3\n');
  });

  it('with --json prints only the final deployment on stdout, the progress on stderr', async () => {
    const { cli } = await withShop({ steps: SUCCESS });
    const result = await cli(['deploy', 'shop/web', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ number: 1, status: 'success', trigger: 'cli', active: true });
    expect(result.stderr).toContain('Step 1/4 : FROM busybox\n');
  });

  it('Ctrl+C cancels the deployment and exits 130', async () => {
    const fake = fakeCore({ steps: [{ status: 'building', stage: 'build' }, { log: 'building…' }, 'hang'] });
    const setup = makeIo();
    await runCli(['project', 'create', 'shop', '--server', 'web-1'], setup.io, fake.deps);
    await runCli(['app', 'create', 'shop/web', '--type', 'web', '--git', 'me/shop'], setup.io, fake.deps);
    const { io, out, interrupt } = makeIo();
    const done = runCli(['deploy', 'shop/web'], io, fake.deps);
    while (!out.stdout.includes('building…')) await new Promise((r) => setImmediate(r));
    interrupt.listener!();
    expect(await done).toBe(130);
    expect(fake.callsTo('deploy.cancel')).toEqual([{ deploymentId: 'd3' }]);
    expect(out.stderr).toBe('mist: cancelling deployment #1 of shop/web (Ctrl+C again to stop waiting)\n');
    expect(out.stdout).toContain(
      'Cancelled: Cancelled by the user.\n==> cancelled: shop/web deployment #1 after 4.2 s\n',
    );
    expect(interrupt.listener).toBeNull();
  });

  it('a second Ctrl+C stops waiting', async () => {
    const { fake } = await withShop({ steps: [{ status: 'building', stage: 'build' }, 'hang'], cancelHangs: true });
    const { io, out, interrupt } = makeIo();
    const done = runCli(['deploy', 'shop/web'], io, fake.deps);
    while (!out.stdout.includes('==> build')) await new Promise((r) => setImmediate(r));
    interrupt.listener!();
    interrupt.listener!();
    expect(await done).toBe(130);
    expect(out.stderr).toMatch(/stopped waiting; deployment #1 of shop\/web may still be running\.\n$/);
  });

  it('--no-wait hands the deploy to a detached worker and prints what started', async () => {
    const { cli, fake } = await withShop();
    fake.deployments.push({ id: 'dx', number: 4, rollbackOf: null } as DeploymentDto);
    const result = await cli(['deploy', 'shop/web', '--no-wait']);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.detached).toEqual(['shop/web']);
    expect(fake.callsTo('deploy.start')).toEqual([]);
    expect(result.stdout).toBe(
      'Deploying shop/web: deployment #4 (pending).\nIt runs in the background; follow it with: mist deployments shop/web\n',
    );
  });

  it('refuses an app without a repository before starting anything', async () => {
    const { cli, fake } = await withShop();
    await cli(['app', 'create', 'shop/api', '--type', 'service']);
    const result = await cli(['deploy', 'shop/api']);
    expect(result).toMatchObject({
      code: 1,
      stderr: 'mist: shop/api has no repository to deploy; set one with: mist app set shop/api --git URL\n',
    });
    expect(fake.callsTo('deploy.start')).toEqual([]);
  });
});

describe('mist deployments, logs build, start/stop/restart', () => {
  it('lists deployments newest first and prints a stored build log', async () => {
    const { cli } = await withShop({ steps: SUCCESS });
    expect((await cli(['deploy', 'shop/web'])).code).toBe(0);
    expect((await cli(['deploy', 'shop/web'])).code).toBe(0);
    const json = await cli(['deployments', 'shop/web', '--json']);
    const list = JSON.parse(json.stdout) as DeploymentDto[];
    expect(list.map((d) => [d.number, d.status, d.active])).toEqual([
      [2, 'success', true],
      [1, 'success', false],
    ]);
    const table = await cli(['deployments', 'shop/web']);
    expect(table.stdout).toMatch(/^#\s+STATUS\s+ACTIVE/);
    expect(table.stdout).toMatch(/^2\s+success\s+yes\s+/m);

    const log = await cli(['logs', 'build', 'shop/web']);
    expect(log.stdout).toBe(
      'HEAD is now at 3f2a1c9\nStep 1/4 : FROM busybox\nSuccessfully built\nDeployment #1 succeeded in 4.2 s.\n',
    );
    const first = await cli(['logs', 'build', 'shop/web', '1', '--json']);
    expect((JSON.parse(first.stdout) as LogLineDto[]).map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    const missing = await cli(['logs', 'build', 'shop/web', '9']);
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'mist: shop/web has no deployment #9; its deployments are #1 to #2.\n',
    });
  });

  it('controls the container and prints the status', async () => {
    const { cli, fake } = await withShop();
    expect(await cli(['stop', 'shop/web'])).toMatchObject({
      code: 0,
      stdout: 'shop/web: stopped (container exited, exit code 0)\n',
    });
    expect(await cli(['start', 'shop/web'])).toMatchObject({
      code: 0,
      stdout: 'shop/web: running (started 1 min ago)\n',
    });
    expect((await cli(['restart', 'shop/web'])).code).toBe(0);
    expect(fake.callsTo('apps.control').map((c) => (c as { action: string }).action)).toEqual([
      'stop',
      'start',
      'restart',
    ]);
  });
});
