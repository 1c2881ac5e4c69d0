import packageJson from '../../../package.json';
import { MistError } from '../../shared/errors';
import type { Command, CommandContext } from './command';
import { appRestart, appStart, appStop } from './commands/app-control';
import { appCreate } from './commands/app-create';
import { appDelete } from './commands/app-delete';
import { appList } from './commands/app-list';
import { appSet } from './commands/app-set';
import { serverSpace } from './commands/server-space';
import { appDeployKey } from './commands/app-deploy-key';
import { appCheckAccess } from './commands/app-check-access';
import { appShow } from './commands/app-show';
import { dbUrl } from './commands/db-url';
import { deploy } from './commands/deploy';
import { templates } from './commands/templates';
import { deployments } from './commands/deployments';
import { domainAdd } from './commands/domain-add';
import { domainApply } from './commands/domain-apply';
import { domainList } from './commands/domain-list';
import { domainRemove } from './commands/domain-remove';
import { envImport } from './commands/env-import';
import { envList } from './commands/env-list';
import { envSet } from './commands/env-set';
import { envUnset } from './commands/env-unset';
import { githubLogin, githubLogout, githubRepos, githubStatus } from './commands/github';
import { logsBuild } from './commands/logs-build';
import { projectCreate } from './commands/project-create';
import { rollback } from './commands/rollback';
import { usage } from './commands/usage';
import { projectList } from './commands/project-list';
import { serverAdd } from './commands/server-add';
import { serverCheck } from './commands/server-check';
import { serverList } from './commands/server-list';
import { serverPrepare } from './commands/server-prepare';
import { serverRemove } from './commands/server-remove';
import { spawnDeployWorker, type StartDetachedDeploy } from './deploy-worker';
import { CliFailure, CliUsageError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './errors';
import { HELP_BY_COMMAND } from './help';
import type { CliIo } from './io';
import { coreOpener, type OpenCore } from './open-core';

export type { CliIo } from './io';

/** `mist GROUP COMMAND ...`: commands under a group word. */
const GROUPS: Record<string, Record<string, Command>> = {
  server: {
    add: serverAdd,
    list: serverList,
    check: serverCheck,
    prepare: serverPrepare,
    space: serverSpace,
    remove: serverRemove,
  },
  project: { create: projectCreate, list: projectList },
  app: {
    create: appCreate,
    set: appSet,
    show: appShow,
    list: appList,
    delete: appDelete,
    'deploy-key': appDeployKey,
    'check-access': appCheckAccess,
  },
  domain: { add: domainAdd, remove: domainRemove, apply: domainApply, list: domainList },
  env: { set: envSet, import: envImport, list: envList, unset: envUnset },
  logs: { build: logsBuild },
  db: { url: dbUrl },
  github: { login: githubLogin, logout: githubLogout, status: githubStatus, repos: githubRepos },
};

/** `mist COMMAND ...`: commands of one word. */
const COMMANDS: Record<string, Command> = {
  deploy,
  deployments,
  rollback,
  start: appStart,
  stop: appStop,
  restart: appRestart,
  usage,
  templates,
};

export interface CliDeps {
  /** Defaults to the real core, configured from io.env. */
  openCore?: OpenCore;
  /** Defaults to a detached `mist deploy` worker process. */
  startDetachedDeploy?: StartDetachedDeploy;
}

/**
 * The whole CLI as a function: parses argv, runs one command, reports errors as one line
 * `mist: <message>` on stderr, and returns the exit code (0 ok, 1 failure, 2 usage error).
 */
export async function runCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const ctx: CommandContext = {
    io,
    openCore: deps.openCore ?? coreOpener(io.env),
    startDetachedDeploy: deps.startDetachedDeploy ?? ((ref, commit) => spawnDeployWorker(ref, io, commit)),
  };
  try {
    return await dispatch(argv, ctx);
  } catch (error) {
    return reportError(error, io);
  }
}

/** Whether -h/--help appears before any `--`. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

function printHelp(io: CliIo, command: string, to: 'stdout' | 'stderr' = 'stdout'): number {
  io[to].write(HELP_BY_COMMAND[command] ?? HELP_BY_COMMAND['']!);
  return to === 'stdout' ? EXIT_OK : EXIT_USAGE;
}

async function dispatch(argv: string[], ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const [group, ...rest] = argv;
  if (group === undefined) return printHelp(io, '', 'stderr');
  if (group === '--help' || group === '-h') return printHelp(io, '');
  if (group === '--version' || group === '-v') {
    io.stdout.write(`mist ${packageJson.version}\n`);
    return EXIT_OK;
  }
  if (group === 'help') return printHelp(io, rest.join(' ').trim());
  if (group.startsWith('-')) throw new CliUsageError(`unknown option ${group}`, '');

  const single = Object.hasOwn(COMMANDS, group) ? COMMANDS[group] : undefined;
  if (single) {
    if (wantsHelp(rest)) return printHelp(io, single.name);
    return single.run(rest, ctx);
  }
  const commands = Object.hasOwn(GROUPS, group) ? GROUPS[group] : undefined;
  if (!commands) throw new CliUsageError(`unknown command '${group}'`, '');

  const [name, ...args] = rest;
  if (name === undefined) return printHelp(io, group, 'stderr');
  if (name === '--help' || name === '-h') return printHelp(io, group);
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    throw new CliUsageError(
      name.startsWith('-') ? `unknown option ${name} for 'mist ${group}'` : `unknown command '${group} ${name}'`,
      group,
    );
  }
  if (wantsHelp(args)) return printHelp(io, command.name);
  return command.run(args, ctx);
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

function reportError(error: unknown, io: CliIo): number {
  const write = (line: string) => io.stderr.write(`mist: ${oneLine(line)}\n`);
  let code = EXIT_FAILURE;
  if (error instanceof CliUsageError) {
    write(`${error.message} (see 'mist ${error.command ? `${error.command} ` : ''}--help')`);
    code = EXIT_USAGE;
  } else if (error instanceof CliFailure) {
    write(error.message);
    error.hints.forEach(write);
  } else if (error instanceof MistError) {
    write(error.message);
  } else {
    write(error instanceof Error ? error.message || error.name : String(error));
  }
  if (io.env.MIST_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return code;
}
