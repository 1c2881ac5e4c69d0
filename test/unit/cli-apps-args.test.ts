import { describe, expect, it } from 'vitest';
import { limitOption, portOption } from '../../src/main/cli/args';
import { parseAppCreateArgs } from '../../src/main/cli/commands/app-create';
import { parseAppListArgs } from '../../src/main/cli/commands/app-list';
import { parseAppSetArgs } from '../../src/main/cli/commands/app-set';
import { parseAppShowArgs } from '../../src/main/cli/commands/app-show';
import { parseControlArgs } from '../../src/main/cli/commands/app-control';
import { parseDeployArgs } from '../../src/main/cli/commands/deploy';
import { parseEnvImportArgs } from '../../src/main/cli/commands/env-import';
import { parseEnvSetArgs, parseAssignment } from '../../src/main/cli/commands/env-set';
import { parseEnvUnsetArgs } from '../../src/main/cli/commands/env-unset';
import { parseLogsBuildArgs, pickDeployment } from '../../src/main/cli/commands/logs-build';
import { parseRollbackArgs } from '../../src/main/cli/commands/rollback';
import { parseProjectCreateArgs } from '../../src/main/cli/commands/project-create';
import { CliUsageError } from '../../src/main/cli/errors';
import { parseAppRef } from '../../src/main/cli/resolve';
import type { DeploymentDto } from '../../src/shared/dto/app';
import { MistError } from '../../src/shared/errors';

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as CliUsageError).message;
  }
  throw new Error('expected a usage error');
}

describe('PROJECT/APP', () => {
  it('splits at the one slash', () => {
    expect(parseAppRef('shop/web', 'x')).toEqual({ project: 'shop', app: 'web' });
  });

  it('rejects anything but two non-empty names around one slash', () => {
    for (const bad of ['shop', 'shop/', '/web', 'a/b/c', '', '/']) {
      expect(usageMessage(() => parseAppRef(bad, 'app show'))).toBe(
        `expected PROJECT/APP, e.g. shop/web (got '${bad}')`,
      );
    }
  });
});

describe('KEY=VALUE', () => {
  it('splits at the first =, so values may hold = (and be empty)', () => {
    expect(parseAssignment('A=b', 2)).toEqual({ key: 'A', value: 'b' });
    expect(parseAssignment('URL=https://x/?a=b&c=d', 2)).toEqual({ key: 'URL', value: 'https://x/?a=b&c=d' });
    expect(parseAssignment('EMPTY=', 2)).toEqual({ key: 'EMPTY', value: '' });
    expect(parseAssignment('Q="quoted value"', 2)).toEqual({ key: 'Q', value: '"quoted value"' });
    expect(parseAssignment('DASHES=--x', 2)).toEqual({ key: 'DASHES', value: '--x' });
  });

  it('reads exactly "-" as "from stdin", and nothing else', () => {
    expect(parseAssignment('TOKEN=-', 3)).toEqual({ key: 'TOKEN', value: null });
    expect(parseAssignment('TOKEN=--', 3)).toEqual({ key: 'TOKEN', value: '--' });
    expect(parseAssignment('TOKEN= -', 3)).toEqual({ key: 'TOKEN', value: ' -' });
  });

  it('never echoes an argument without a key (it may be a bare secret)', () => {
    expect(usageMessage(() => parseAssignment('hunter2', 2))).toBe("expected KEY=VALUE (argument 2 has no '=')");
    expect(usageMessage(() => parseAssignment('=hunter2', 4))).toBe(
      "expected KEY=VALUE (argument 4 has no key before '=')",
    );
  });
});

describe('env set', () => {
  it('parses assignments, --secret and --scope', () => {
    expect(parseEnvSetArgs(['shop/web', 'A=1', 'B=x=y', '--secret', '--scope', 'runtime'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      assignments: [
        { key: 'A', value: '1' },
        { key: 'B', value: 'x=y' },
      ],
      secret: true,
      scope: 'runtime',
    });
    expect(parseEnvSetArgs(['shop/web', 'TOKEN=-']).assignments).toEqual([{ key: 'TOKEN', value: null }]);
  });

  it('checks keys and scope by the channel schema, and the shape of the command line', () => {
    const msg = (args: string[]) => usageMessage(() => parseEnvSetArgs(args));
    expect(msg([])).toBe("missing PROJECT/APP KEY=VALUE for 'mist env set'");
    expect(msg(['shop/web'])).toBe("missing KEY=VALUE for 'mist env set'");
    expect(msg(['shop/web', '9LIVES=1'])).toMatch(/^invalid variable name '9LIVES': a variable name is letters/);
    expect(msg(['shop/web', 'MY-KEY=1'])).toMatch(/^invalid variable name 'MY-KEY'/);
    expect(msg(['shop/web', 'A=1', '--scope', 'all'])).toMatch(/^invalid --scope: /);
    expect(msg(['shop/web', 'A=1', 'A=2'])).toBe('A is given more than once');
    expect(msg(['shop/web', 'A=-', 'B=-'])).toBe('only one KEY=- can read its value from stdin');
    expect(msg(['shop/web', 'A=1', '--secret=yes'])).toBe("--secret takes no value (got 'yes')");
  });
});

describe('app create and app set', () => {
  it('fills in the schema defaults on create', () => {
    expect(parseAppCreateArgs(['shop/web', '--type', 'web'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      fields: {
        name: 'web',
        type: 'web',
        description: '',
        port: 3000,
        publishPort: false,
        gitUrl: null,
        branch: 'main',
        dockerfilePath: './Dockerfile',
        rootDir: '/',
        cpuLimit: null,
        memoryMb: null,
        restartPolicy: 'unless-stopped',
      },
      json: false,
    });
  });

  it('takes every setting on create', () => {
    const args = parseAppCreateArgs([
      'shop/api',
      '--type',
      'service',
      '--port',
      '8080',
      '--git',
      'git@github.com:me/shop.git',
      '--branch',
      'release/1.x',
      '--dockerfile',
      'docker/Dockerfile',
      '--root',
      'services/api',
      '--description',
      'the API',
      '--cpu',
      '1.5',
      '--memory',
      '512',
      '--restart',
      'always',
      '--json',
    ]);
    expect(args.fields).toMatchObject({
      name: 'api',
      type: 'service',
      port: 8080,
      gitUrl: 'git@github.com:me/shop.git',
      branch: 'release/1.x',
      dockerfilePath: 'docker/Dockerfile',
      rootDir: 'services/api',
      description: 'the API',
      cpuLimit: 1.5,
      memoryMb: 512,
      restartPolicy: 'always',
    });
    expect(args.json).toBe(true);
  });

  it('names the flag whose value the schema refuses', () => {
    const msg = (args: string[]) => usageMessage(() => parseAppCreateArgs(args));
    expect(msg(['shop/web'])).toBe('missing --type (web, service, database or compose)');
    expect(msg(['shop/Web', '--type', 'web'])).toMatch(/^invalid APP: a name is 1–63 characters/);
    expect(msg(['shop/web', '--type', 'worker'])).toMatch(/^invalid --type: /);
    expect(msg(['shop/web', '--type', 'web', '--git', 'not a url'])).toMatch(/^invalid --git: use an https/);
    expect(msg(['shop/web', '--type', 'web', '--branch', 'a..b'])).toMatch(/^invalid --branch: /);
    expect(msg(['shop/web', '--type', 'web', '--branch=-x'])).toBe(
      'invalid --branch: a branch name cannot start with "-"',
    );
    expect(msg(['shop/web', '--type', 'web', '--root', '../up'])).toMatch(/^invalid --root: /);
    expect(msg(['shop/web', '--type', 'web', '--dockerfile', '/etc/passwd'])).toMatch(/^invalid --dockerfile: /);
    expect(msg(['shop/web', '--type', 'web', '--restart', 'sometimes'])).toMatch(/^invalid --restart: /);
    expect(msg(['shop/web', '--type', 'web', '--memory', '64'])).toBe(
      'invalid --memory: the memory limit is at least 128 MB',
    );
    expect(msg(['shop/web', '--type', 'web', '--port', '99999'])).toBe(
      "--port must be a number from 1 to 65535 (got '99999')",
    );
  });

  it('sends only the given settings on set; none clears a limit', () => {
    expect(parseAppSetArgs(['shop/web', '--cpu', 'none', '--memory', 'none'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      changes: { cpuLimit: null, memoryMb: null },
      json: false,
    });
    expect(parseAppSetArgs(['shop/web', '--cpu', '.5', '--restart', 'no']).changes).toEqual({
      cpuLimit: 0.5,
      restartPolicy: 'no',
    });
    expect(parseAppSetArgs(['shop/web', '--git', 'none']).changes).toEqual({ gitUrl: null });
    expect(parseAppSetArgs(['shop/web', '--port', '80', '--branch', 'dev']).changes).toEqual({
      port: 80,
      branch: 'dev',
    });
  });

  it('refuses a set with nothing to change, and numbers that are not numbers', () => {
    const msg = (args: string[]) => usageMessage(() => parseAppSetArgs(args));
    expect(msg(['shop/web'])).toMatch(/^nothing to change: give at least one of --port/);
    expect(msg(['shop/web', '--cpu', 'half'])).toBe(
      "--cpu takes a number of CPUs such as 0.5, or none for no limit (got 'half')",
    );
    expect(msg(['shop/web', '--cpu', '1e3'])).toMatch(/^--cpu takes a number/);
    expect(msg(['shop/web', '--memory', '512.5'])).toBe(
      "--memory takes megabytes such as 512, or none for no limit (got '512.5')",
    );
    expect(msg(['shop/web', '--cpu', '0'])).toBe('invalid --cpu: the CPU limit is at least 0.1');
    expect(msg(['shop/web', '--type', 'web'])).toBe("unknown option --type for 'mist app set'");
  });

  it('port and limit options on their own', () => {
    expect(portOption('x', {}, 'port')).toBeUndefined();
    expect(portOption('x', { port: '443' }, 'port')).toBe(443);
    expect(limitOption('x', { cpu: 'none' }, 'cpu', { integer: false, example: 'n' })).toBeNull();
    expect(limitOption('x', { cpu: '2' }, 'cpu', { integer: false, example: 'n' })).toBe(2);
    expect(limitOption('x', {}, 'cpu', { integer: false, example: 'n' })).toBeUndefined();
  });
});

describe('the other commands', () => {
  it('project create needs NAME and --server, and checks the name by the schema', () => {
    expect(parseProjectCreateArgs(['shop', '--server', 'web-1'])).toEqual({
      name: 'shop',
      server: 'web-1',
      json: false,
    });
    expect(usageMessage(() => parseProjectCreateArgs(['shop']))).toBe(
      'missing --server (the saved server the project lives on)',
    );
    expect(usageMessage(() => parseProjectCreateArgs(['Shop!', '--server', 's']))).toMatch(/^invalid NAME: /);
  });

  it('app show, app list, start/stop/restart, deploy', () => {
    expect(parseAppShowArgs(['shop/web', '--json'])).toEqual({ ref: { project: 'shop', app: 'web' }, json: true });
    expect(parseAppListArgs([])).toEqual({ project: null, json: false });
    expect(parseAppListArgs(['shop', '--json'])).toEqual({ project: 'shop', json: true });
    expect(usageMessage(() => parseAppListArgs(['a', 'b']))).toBe("unexpected argument 'b' for 'mist app list'");
    expect(parseControlArgs('restart', ['shop/web'])).toEqual({ ref: { project: 'shop', app: 'web' } });
    expect(usageMessage(() => parseControlArgs('stop', []))).toBe("missing PROJECT/APP for 'mist stop'");
    expect(parseDeployArgs(['shop/web'])).toEqual({ ref: { project: 'shop', app: 'web' }, wait: true, json: false });
    expect(parseDeployArgs(['shop/web', '--no-wait', '--json'])).toMatchObject({ wait: false, json: true });
    expect(parseDeployArgs(['shop/web', '--commit', 'v1.2.0'])).toMatchObject({ commit: 'v1.2.0', wait: true });
    expect(usageMessage(() => parseDeployArgs(['shop/web', '--commit', 'main..dev']))).toBe(
      'invalid --commit: not a valid tag or commit',
    );
    // an option-looking value never reaches git: the parser or the schema refuses it
    expect(usageMessage(() => parseDeployArgs(['shop/web', '--commit', '--upload-pack=x']))).toBe(
      '--commit needs a value',
    );
    expect(usageMessage(() => parseDeployArgs(['shop/web', '--commit', 'a;b']))).toMatch(/^invalid --commit/);
  });

  it('env import takes FILE or -, and env unset checks KEY', () => {
    expect(parseEnvImportArgs(['shop/web', '.env'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      file: '.env',
      secret: false,
      scope: undefined,
    });
    expect(parseEnvImportArgs(['shop/web', '-', '--secret', '--scope', 'build'])).toMatchObject({
      file: '-',
      secret: true,
      scope: 'build',
    });
    expect(usageMessage(() => parseEnvImportArgs(['shop/web']))).toBe("missing FILE for 'mist env import'");
    expect(usageMessage(() => parseEnvImportArgs(['shop/web', 'f', '--scope', 'x']))).toMatch(/^invalid --scope: /);
    expect(parseEnvUnsetArgs(['shop/web', 'API_KEY'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      key: 'API_KEY',
    });
    expect(usageMessage(() => parseEnvUnsetArgs(['shop/web', 'NOT-A-KEY']))).toMatch(/^invalid KEY: /);
  });

  it('logs build takes an optional deployment number', () => {
    expect(parseLogsBuildArgs(['shop/web'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      number: null,
      json: false,
    });
    expect(parseLogsBuildArgs(['shop/web', '12']).number).toBe(12);
    expect(parseLogsBuildArgs(['shop/web', '#3']).number).toBe(3);
    for (const bad of ['0', '-1', 'latest', '1.5']) {
      expect(usageMessage(() => parseLogsBuildArgs(['shop/web', bad]))).toMatch(
        /^NUMBER is a deployment number|^unknown option/,
      );
    }
    expect(usageMessage(() => parseLogsBuildArgs(['shop/web', '1', '2']))).toBe(
      "unexpected argument '2' for 'mist logs build'",
    );
  });

  it('rollback takes the same: an optional deployment number and --json', () => {
    expect(parseRollbackArgs(['shop/web', '#2', '--json'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      number: 2,
      json: true,
    });
    expect(parseRollbackArgs(['shop/web']).number).toBe(null);
    expect(usageMessage(() => parseRollbackArgs([]))).toBe("missing PROJECT/APP for 'mist rollback'");
  });

  it('picks the latest deployment or the numbered one, with clear not-found errors', () => {
    const d = (number: number) => ({ id: `d${number}`, number }) as DeploymentDto;
    const list = [d(1), d(3), d(2)];
    expect(pickDeployment('shop/web', list, null).number).toBe(3);
    expect(pickDeployment('shop/web', list, 2).id).toBe('d2');
    expect(() => pickDeployment('shop/web', list, 7)).toThrow(
      new MistError('not-found', 'shop/web has no deployment #7; its deployments are #1 to #3.'),
    );
    expect(() => pickDeployment('shop/web', [], null)).toThrow(/shop\/web has no deployments yet/);
  });

  it('takes the database and compose flags, and refuses them on the wrong type', () => {
    expect(
      parseAppCreateArgs([
        'shop/db',
        '--type',
        'database',
        '--template',
        'postgres',
        '--version',
        '17',
        '--publish-port',
        'on',
      ]).fields,
    ).toMatchObject({ type: 'database', template: 'postgres', version: '17', publishPort: true });
    expect(
      parseAppCreateArgs(['shop/stack', '--type', 'compose', '--compose-file', 'deploy/compose.yml']).fields,
    ).toMatchObject({
      type: 'compose',
      composeFile: 'deploy/compose.yml',
    });
    const msg = (args: string[]) => usageMessage(() => parseAppCreateArgs(args));
    expect(msg(['shop/db', '--type', 'database'])).toBe(
      'invalid --template: a database app needs a template (e.g. postgres)',
    );
    expect(msg(['shop/web', '--type', 'web', '--template', 'redis'])).toBe(
      'invalid --template: only database apps take a template',
    );
    expect(msg(['shop/db', '--type', 'database', '--template', 'redis', '--publish-port', 'yes'])).toBe(
      'invalid --publish-port: say on or off, not "yes"',
    );
  });

  it('takes --auto-deploy on|off and --watch-interval, checked by the schema', () => {
    expect(parseAppSetArgs(['shop/web', '--auto-deploy', 'on', '--watch-interval', '30']).changes).toEqual({
      autoDeploy: true,
      watchIntervalS: 30,
    });
    expect(usageMessage(() => parseAppSetArgs(['shop/web', '--watch-interval', '5']))).toBe(
      'invalid --watch-interval: check at most every 15 seconds',
    );
    expect(usageMessage(() => parseAppSetArgs(['shop/web', '--auto-deploy', 'maybe']))).toBe(
      'invalid --auto-deploy: say on or off, not "maybe"',
    );
  });
});
