import type { OptionSpecs, ParsedArgs } from './args';
import { limitOption, portOption, stringOption } from './args';
import { CliUsageError } from './errors';

/** The app settings both `app create` and `app set` take, flag → field of the apps channels. */
export const APP_SETTING_OPTIONS: OptionSpecs = {
  port: { type: 'string' },
  git: { type: 'string' },
  branch: { type: 'string' },
  dockerfile: { type: 'string' },
  root: { type: 'string' },
  description: { type: 'string' },
  cpu: { type: 'string' },
  memory: { type: 'string' },
  restart: { type: 'string' },
  'log-size': { type: 'string' },
  'log-files': { type: 'string' },
  // web and service apps
  'health-path': { type: 'string' },
  'health-timeout': { type: 'string' },
  // database apps
  version: { type: 'string' },
  'publish-port': { type: 'string' },
  // compose apps
  'compose-file': { type: 'string' },
  'public-service': { type: 'string' },
  'public-port': { type: 'string' },
  // apps with a repository
  'auto-deploy': { type: 'string' },
  'watch-interval': { type: 'string' },
};

export interface AppSettingFlags {
  port?: number;
  gitUrl?: string | null;
  branch?: string;
  dockerfilePath?: string;
  rootDir?: string;
  description?: string;
  cpuLimit?: number | null;
  memoryMb?: number | null;
  restartPolicy?: string;
  logMaxSizeMb?: number;
  logMaxFiles?: number;
  healthCheckPath?: string | null;
  healthCheckTimeoutS?: number;
  version?: string;
  publishPort?: boolean;
  composeFile?: string;
  publicService?: string | null;
  publicPort?: number | null;
  autoDeploy?: boolean;
  watchIntervalS?: number;
}

/**
 * The settings given on the command line, and only those (absent flags stay absent, so the schema's
 * defaults apply on create and nothing changes on set). Numbers are parsed here; every rule about
 * their range and every string is the channel schema's. `none` clears --cpu, --memory, --git and
 * --health-path.
 */
export function parseAppSettingFlags(command: string, values: ParsedArgs['values']): AppSettingFlags {
  const flags: AppSettingFlags = {};
  const port = portOption(command, values, 'port');
  if (port !== undefined) flags.port = port;
  const git = stringOption(values, 'git');
  if (git !== undefined) flags.gitUrl = git === 'none' ? null : git;
  const text: Array<
    [string, 'branch' | 'dockerfilePath' | 'rootDir' | 'description' | 'restartPolicy' | 'version' | 'composeFile']
  > = [
    ['branch', 'branch'],
    ['dockerfile', 'dockerfilePath'],
    ['root', 'rootDir'],
    ['description', 'description'],
    ['restart', 'restartPolicy'],
    ['version', 'version'],
    ['compose-file', 'composeFile'],
  ];
  for (const [flag, field] of text) {
    const value = stringOption(values, flag);
    if (value !== undefined) flags[field] = value;
  }
  const cpu = limitOption(command, values, 'cpu', { integer: false, example: 'a number of CPUs such as 0.5' });
  if (cpu !== undefined) flags.cpuLimit = cpu;
  const memory = limitOption(command, values, 'memory', { integer: true, example: 'megabytes such as 512' });
  if (memory !== undefined) flags.memoryMb = memory;
  const service = stringOption(values, 'public-service');
  if (service !== undefined) flags.publicService = service === 'none' ? null : service;
  if (stringOption(values, 'public-port') === 'none') flags.publicPort = null;
  else {
    const publicPort = portOption(command, values, 'public-port');
    if (publicPort !== undefined) flags.publicPort = publicPort;
  }
  const autoDeploy = stringOption(values, 'auto-deploy');
  if (autoDeploy !== undefined) flags.autoDeploy = onOff(command, '--auto-deploy', autoDeploy);
  const interval = wholeNumberOption(command, values, 'watch-interval', 'seconds, such as 60');
  if (interval !== undefined) flags.watchIntervalS = interval;
  const logSize = wholeNumberOption(command, values, 'log-size', 'megabytes per log file, such as 50');
  if (logSize !== undefined) flags.logMaxSizeMb = logSize;
  const logFiles = wholeNumberOption(command, values, 'log-files', 'a number of log files, such as 5');
  if (logFiles !== undefined) flags.logMaxFiles = logFiles;
  const healthPath = stringOption(values, 'health-path');
  if (healthPath !== undefined) flags.healthCheckPath = healthPath === 'none' ? null : healthPath;
  const healthTimeout = wholeNumberOption(command, values, 'health-timeout', 'seconds, such as 60');
  if (healthTimeout !== undefined) flags.healthCheckTimeoutS = healthTimeout;
  const publish = stringOption(values, 'publish-port');
  if (publish !== undefined) flags.publishPort = onOff(command, '--publish-port', publish);
  return flags;
}

/** A whole-number flag (its range is the channel schema's to check). */
function wholeNumberOption(
  command: string,
  values: ParsedArgs['values'],
  flag: string,
  example: string,
): number | undefined {
  const value = stringOption(values, flag);
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) throw new CliUsageError(`invalid --${flag}: ${example} (got '${value}')`, command);
  return Number(value);
}

function onOff(command: string, flag: string, value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new CliUsageError(`invalid ${flag}: say on or off, not "${value}"`, command);
}
