import { describe, expect, it } from 'vitest';
import {
  MASK,
  formatAgo,
  formatAppDetails,
  formatAppStatus,
  formatAppTable,
  formatDuration,
  formatEnvTable,
  formatEnvValue,
  formatLogRetention,
  formatProjectTable,
  maskEnvVars,
} from '../../src/main/cli/format-apps';
import {
  deployFailureMessage,
  formatDeployEnd,
  formatDeploymentTable,
  formatDeployStart,
  formatLogLine,
  formatStatusEvent,
  newProgressState,
  sortDeployments,
} from '../../src/main/cli/format-deploy';
import type { AppDto, DeploymentDto, EnvVarDto, ProjectDto } from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';
import { appDto } from '../support/dto-fixtures';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

const app = (overrides: Partial<AppDto> = {}): AppDto =>
  appDto({ serverId: 's1', createdAt: ago(3 * 86_400_000), updatedAt: ago(5 * 60_000), ...overrides });

const deployment = (overrides: Partial<DeploymentDto> = {}): DeploymentDto => ({
  id: 'd1',
  appId: 'app1',
  number: 1,
  status: 'success',
  trigger: 'cli',
  commitHash: '3f2a1c9d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
  commitMessage: 'Initial commit\n\nwith a body',
  commitAuthor: 'Jane',
  image: 'mist/shop-web:3f2a1c9d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
  stages: [],
  error: null,
  active: false,
  createdAt: ago(90_000),
  finishedAt: ago(75_000),
  durationMs: 14_230,
  rollbackOf: null,
  ...overrides,
});

describe('times', () => {
  it('says how long ago', () => {
    expect(formatAgo(ago(1000), NOW)).toBe('just now');
    expect(formatAgo(ago(42_000), NOW)).toBe('42 s ago');
    expect(formatAgo(ago(5 * 60_000 + 10), NOW)).toBe('5 min ago');
    expect(formatAgo(ago(3 * 3_600_000), NOW)).toBe('3 h ago');
    expect(formatAgo(ago(12 * 86_400_000), NOW)).toBe('12 d ago');
    expect(formatAgo('2025-01-02T03:04:05.000Z', NOW)).toBe('2025-01-02');
    expect(formatAgo('not a date', NOW)).toBe('not a date');
  });

  it('says how long something took', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(14_230)).toBe('14.2 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
});

describe('projects and apps', () => {
  const servers = [{ id: 's1', name: 'web-1' } as ServerDto];
  const project = (name: string, appCount: number): ProjectDto => ({
    id: `p-${name}`,
    name,
    serverId: 's1',
    appCount,
    createdAt: ago(60_000),
    updatedAt: ago(60_000),
  });

  it('lists projects by name with their server', () => {
    expect(formatProjectTable([project('shop', 2), project('blog', 0)], servers, NOW)).toBe(
      'NAME  SERVER  APPS  CREATED\n' + 'blog  web-1   0     1 min ago\n' + 'shop  web-1   2     1 min ago\n',
    );
    expect(formatProjectTable([], servers, NOW)).toMatch(/^No projects yet\. Create one with: mist project create/);
  });

  it('lists apps as PROJECT/APP', () => {
    const table = formatAppTable(
      [app(), app({ id: 'a2', name: 'api', type: 'service', gitUrl: null, redeployPending: true, port: 8080 })],
      () => 'shop',
    );
    expect(table).toBe(
      'APP       TYPE     PORT  REPOSITORY                      BRANCH  CHANGES\n' +
        'shop/api  service  8080  -                               main    redeploy pending\n' +
        'shop/web  web      3000  https://github.com/me/shop.git  main    -\n',
    );
  });

  it('shows one app with its internal address and limits', () => {
    const text = formatAppDetails('shop/web', app({ cpuLimit: 0.5, memoryMb: 512, redeployPending: true }), NOW);
    expect(text.split('\n')[0]).toBe('shop/web  (web app, id app1)');
    expect(text).toContain('  internal     app-app1:3000 (for other apps on the server)\n');
    expect(text).toContain('  cpu          0.5 CPUs\n');
    expect(text).toContain('  memory       512 MB\n');
    expect(text).toContain('  changes      redeploy pending (mist deploy shop/web)\n');
    expect(formatAppDetails('shop/web', app(), NOW)).toContain('  cpu          no limit\n');
  });

  it('prints a status line', () => {
    expect(
      formatAppStatus(
        'shop/web',
        { appId: 'a', status: 'running', containerState: 'running', startedAt: ago(120_000), exitCode: 0 },
        NOW,
      ),
    ).toBe('shop/web: running (started 2 min ago)\n');
    expect(
      formatAppStatus(
        'shop/web',
        { appId: 'a', status: 'stopped', containerState: 'exited', startedAt: null, exitCode: 137 },
        NOW,
      ),
    ).toBe('shop/web: stopped (container exited, exit code 137)\n');
  });
});

describe('env vars', () => {
  const vars: EnvVarDto[] = [
    { key: 'TOKEN', value: 'leaked-if-printed', secret: true, scope: 'runtime', updatedAt: ago(0) },
    { key: 'API_URL', value: 'https://x/?a=b', secret: false, scope: 'both', updatedAt: ago(0) },
    { key: 'MULTI', value: 'line one\nline two\ttab', secret: false, scope: 'build', updatedAt: ago(0) },
  ];

  it('masks secrets in the table whatever value it was given', () => {
    const table = formatEnvTable('shop/web', vars);
    expect(table).not.toContain('leaked-if-printed');
    expect(table).toBe(
      'KEY      VALUE                    SCOPE    SECRET\n' +
        'API_URL  https://x/?a=b           both     -\n' +
        'MULTI    line one\\nline two\\ttab  build    -\n' +
        `TOKEN    ${MASK}                 runtime  secret\n`,
    );
    expect(formatEnvTable('shop/web', [])).toBe(
      'No variables on shop/web. Set one with: mist env set shop/web KEY=VALUE\n',
    );
  });

  it('nulls secret values for JSON', () => {
    expect(maskEnvVars(vars).map((v) => v.value)).toEqual([null, 'https://x/?a=b', 'line one\nline two\ttab']);
  });

  it('escapes control characters and cuts long values', () => {
    expect(formatEnvValue('a\\b\x1b[31m')).toBe('a\\\\b\\x1b[31m');
    expect(formatEnvValue('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('deployments', () => {
  it('lists newest first with the active one marked', () => {
    const list = [
      deployment(),
      deployment({
        id: 'd2',
        number: 2,
        status: 'failed',
        active: false,
        commitHash: null,
        durationMs: 900,
        commitMessage: null,
      }),
      deployment({ id: 'd3', number: 3, active: true, trigger: 'manual', createdAt: ago(10_000), durationMs: null }),
    ];
    expect(sortDeployments(list).map((d) => d.number)).toEqual([3, 2, 1]);
    expect(formatDeploymentTable('shop/web', list, NOW)).toBe(
      '#  STATUS   ACTIVE  COMMIT   TRIGGER  DURATION  STARTED    MESSAGE\n' +
        '3  success  yes     3f2a1c9  manual   -         10 s ago   Initial commit\n' +
        '2  failed           -        cli      900 ms    1 min ago  -\n' +
        '1  success          3f2a1c9  cli      14.2 s    1 min ago  Initial commit\n',
    );
    expect(formatDeploymentTable('shop/web', [], NOW)).toBe(
      'No deployments of shop/web yet. Deploy with: mist deploy shop/web\n',
    );
  });

  it('prints each stage once, messages once, and nothing for the final status', () => {
    const state = newProgressState();
    const status = (d: Partial<DeploymentDto>, message: string | null = null) =>
      formatStatusEvent(state, { kind: 'status', deployment: deployment({ ...d }), message });
    const stage = (name: 'resolve' | 'fetch' | 'build' | 'deploy') => ({
      stage: name,
      startedAt: ago(0),
      durationMs: null,
    });
    expect(status({ status: 'pending', stages: [] })).toBe('');
    expect(status({ status: 'pending', stages: [] }, 'Waiting for deployment #4 to finish.')).toBe(
      '    Waiting for deployment #4 to finish.\n',
    );
    expect(status({ status: 'building', stages: [stage('resolve')] })).toBe('==> resolve\n');
    expect(status({ status: 'building', stages: [stage('resolve'), stage('fetch'), stage('build')] })).toBe(
      '==> fetch\n==> build\n',
    );
    expect(status({ status: 'building', stages: [stage('resolve'), stage('fetch'), stage('build')] })).toBe('');
    expect(
      status({ status: 'failed', stages: [stage('resolve'), stage('fetch'), stage('build')] }, 'The build failed.'),
    ).toBe('');
  });

  it('shows a status change that no stage explains', () => {
    const state = newProgressState();
    formatStatusEvent(state, {
      kind: 'status',
      deployment: deployment({ status: 'pending', stages: [] }),
      message: null,
    });
    expect(
      formatStatusEvent(state, {
        kind: 'status',
        deployment: deployment({ status: 'building', stages: [] }),
        message: null,
      }),
    ).toBe('==> building\n');
  });

  it('ends with one line, and a failure message for the mist: line', () => {
    expect(formatDeployEnd('shop/web', deployment())).toBe(
      '==> success: shop/web deployment #1 in 14.2 s (commit 3f2a1c9)\n',
    );
    const failed = deployment({ status: 'failed', error: 'docker build exited 3', durationMs: 3100, commitHash: null });
    expect(formatDeployEnd('shop/web', failed)).toBe('==> failed: shop/web deployment #1 after 3.1 s\n');
    expect(deployFailureMessage('shop/web', failed)).toBe('deployment #1 of shop/web failed: docker build exited 3');
    expect(deployFailureMessage('shop/web', deployment({ status: 'cancelled' }))).toBe(
      'deployment #1 of shop/web was cancelled.',
    );
  });

  it('prints a log line with exactly one newline', () => {
    expect(formatLogLine({ seq: 1, stream: 'stdout', text: 'Step 1/4', at: ago(0) })).toBe('Step 1/4\n');
    expect(formatLogLine({ seq: 2, stream: 'stderr', text: 'warn\n', at: ago(0) })).toBe('warn\n');
  });
});

describe('rollbacks', () => {
  it('are named by the deployment they went back to, when they start and in the history', () => {
    const rollback = deployment({ id: 'd5', number: 5, status: 'pending', trigger: 'rollback', rollbackOf: 2 });
    expect(formatDeployStart('shop/web', rollback)).toBe('Rolling shop/web back to #2: deployment #5 (pending).\n');
    expect(formatDeployStart('shop/web', deployment({ number: 6, status: 'pending' }))).toBe(
      'Deploying shop/web: deployment #6 (pending).\n',
    );
    const table = formatDeploymentTable('shop/web', [{ ...rollback, status: 'success', active: true }], NOW);
    expect(table).toMatch(/^5\s+success\s+yes\s+[0-9a-f]{7}\s+rollback to #2\s+/m);
  });
});

describe('formatLogRetention', () => {
  it('says how much log Docker keeps; for a compose app, of which services', () => {
    expect(formatLogRetention(app({ logRetention: { maxSizeMb: 50, maxFiles: 5 } }))).toBe(
      '5 files of 50 MB (the older compressed)',
    );
    expect(formatLogRetention(app({ logRetention: { maxSizeMb: 10, maxFiles: 1 } }))).toBe('1 file of 10 MB');
    expect(formatLogRetention(app({ type: 'compose', logRetention: { maxSizeMb: 20, maxFiles: 2 } }))).toBe(
      '2 files of 20 MB (the older compressed), for services whose compose file sets no logging',
    );
  });
});
