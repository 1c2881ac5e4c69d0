import type { ZodError } from 'zod';
import { CliUsageError } from './errors';

/** Which part of the command line each input field came from, for messages. */
const FIELD_SOURCES: Record<string, string> = {
  name: 'NAME',
  host: '--host',
  port: '--port',
  user: '--user',
  'auth.keyPath': '--key',
  'auth.password': 'password from stdin',
  'auth.passphrase': 'passphrase from stdin',
  proxyJumpServerId: '--jump',
  dockerSocketPath: '--docker-socket',
  publicAddress: '--public-address',
  'hostKey.fingerprint': '--accept-host-key',
};

/** Where the fields of the project and app channels come from (`mist project|app ...`). */
export const APP_FIELD_SOURCES: Record<string, string> = {
  name: 'APP',
  type: '--type',
  description: '--description',
  port: '--port',
  gitUrl: '--git',
  branch: '--branch',
  dockerfilePath: '--dockerfile',
  rootDir: '--root',
  cpuLimit: '--cpu',
  memoryMb: '--memory',
  restartPolicy: '--restart',
  logMaxSizeMb: '--log-size',
  logMaxFiles: '--log-files',
  healthCheckPath: '--health-path',
  healthCheckTimeoutS: '--health-timeout',
  template: '--template',
  version: '--version',
  publishPort: '--publish-port',
  attachVolume: '--attach-volume',
  composeFile: '--compose-file',
  publicService: '--public-service',
  publicPort: '--public-port',
  autoDeploy: '--auto-deploy',
  watchIntervalS: '--watch-interval',
};

/** The first zod issue as a usage error that names the flag, e.g. "invalid --host: a host is ...". */
export function usageErrorFromZod(
  error: ZodError,
  command: string,
  sources: Record<string, string> = FIELD_SOURCES,
): CliUsageError {
  const issue = error.issues[0];
  if (!issue) return new CliUsageError('invalid input', command);
  const path = issue.path.map(String).join('.');
  const source = sources[path] ?? (path || 'input');
  return new CliUsageError(`invalid ${source}: ${issue.message}`, command);
}
