import type { AppDto, AppStatusDto, EnvVarDto, ProjectDto } from '../../shared/dto/app';
import type { ServerDto } from '../../shared/dto/server';
import { formatTable } from './format';

/** Human output for projects, apps and env vars. Machine output is the DTOs (docs/cli.md). */

/** What a secret's value shows as; the value itself never reaches the CLI's output. */
export const MASK = '********';

/** "just now", "42 s ago", "5 min ago", "3 h ago", "12 d ago", or the date for anything older. */
export function formatAgo(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 30 * 86_400) return `${Math.floor(seconds / 86_400)} d ago`;
  return iso.slice(0, 10);
}

/** "850 ms", "14.2 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function formatProjectTable(projects: ProjectDto[], servers: ServerDto[], now: number): string {
  if (projects.length === 0) {
    return 'No projects yet. Create one with: mist project create NAME --server SERVER\n';
  }
  const serverName = new Map(servers.map((s) => [s.id, s.name]));
  const rows = [...projects]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => [p.name, serverName.get(p.serverId) ?? p.serverId, String(p.appCount), formatAgo(p.createdAt, now)]);
  return formatTable(['NAME', 'SERVER', 'APPS', 'CREATED'], rows);
}

/** Apps as PROJECT/APP rows; `projectName` maps a project id to its name. */
export function formatAppTable(apps: AppDto[], projectName: (projectId: string) => string): string {
  if (apps.length === 0) return 'No apps yet. Create one with: mist app create PROJECT/APP --type web\n';
  const rows = apps
    .map((a) => ({ ref: `${projectName(a.projectId)}/${a.name}`, app: a }))
    .sort((x, y) => x.ref.localeCompare(y.ref))
    .map(({ ref, app }) => [
      ref,
      app.type,
      String(app.port),
      app.gitUrl ?? '-',
      app.branch,
      app.redeployPending ? 'redeploy pending' : '-',
    ]);
  return formatTable(['APP', 'TYPE', 'PORT', 'REPOSITORY', 'BRANCH', 'CHANGES'], rows);
}

export function formatCpu(cpuLimit: number | null): string {
  return cpuLimit === null ? 'no limit' : `${cpuLimit} CPU${cpuLimit === 1 ? '' : 's'}`;
}

/** `5 files of 50 MB (the older compressed)`; for a compose app, of the services that set no logging. */
export function formatLogRetention(app: Pick<AppDto, 'type' | 'logRetention'>): string {
  const { maxFiles, maxSizeMb } = app.logRetention;
  const files = `${maxFiles} file${maxFiles === 1 ? '' : 's'}`;
  const kept = `${files} of ${maxSizeMb} MB${maxFiles > 1 ? ' (the older compressed)' : ''}`;
  return app.type === 'compose' ? `${kept}, for services whose compose file sets no logging` : kept;
}

/** `GET /health, 60 s to pass`, or what a deploy checks without a path. */
export function formatHealthCheck(check: AppDto['healthCheck']): string {
  return check.path === null
    ? 'none (a new container must only stay up)'
    : `GET ${check.path}, 2xx or 3xx within ${check.timeoutS} s`;
}

export function formatMemory(memoryMb: number | null): string {
  return memoryMb === null ? 'no limit' : `${memoryMb} MB`;
}

/** Whether an app has a git access token; the token itself is never shown. */
export function formatGitToken(hasGitToken: boolean): string {
  return hasGitToken ? 'stored in keychain' : 'none';
}

/** One app's settings as aligned `label  value` lines under a title line. */
export function formatAppDetails(ref: string, app: AppDto, now: number): string {
  const published = app.type === 'web' ? 'published on the host unless a domain is set' : 'not published';
  const fields: Array<[string, string]> = [
    ['description', app.description || '-'],
    ['port', `${app.port} (${published})`],
    ['internal', `${app.internalAddress} (for other apps on the server)`],
    ['repository', app.gitUrl ?? '- (set one with --git)'],
    ['git token', formatGitToken(app.hasGitToken)],
    ['deploy key', app.deployKey ? app.deployKey.fingerprint : 'none'],
    ['branch', app.branch],
    ['dockerfile', app.dockerfilePath],
    ['root', app.rootDir],
    ['cpu', formatCpu(app.cpuLimit)],
    ['memory', formatMemory(app.memoryMb)],
    ['restart', app.restartPolicy],
    ['logs kept', formatLogRetention(app)],
    ...(app.type === 'web' || app.type === 'service'
      ? ([['health', formatHealthCheck(app.healthCheck)]] as Array<[string, string]>)
      : []),
    ['changes', app.redeployPending ? `redeploy pending (mist deploy ${ref})` : 'none since the last deploy'],
    ['created', formatAgo(app.createdAt, now)],
    ['updated', formatAgo(app.updatedAt, now)],
  ];
  const width = Math.max(...fields.map(([label]) => label.length));
  return (
    [
      `${ref}  (${app.type} app, id ${app.id})`,
      ...fields.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ].join('\n') + '\n'
  );
}

/** A value on one table line: newlines and other control characters escaped, long values cut. */
export function formatEnvValue(value: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const escaped = value.replace(/[\x00-\x1f\x7f\\]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\t'
        ? '\\t'
        : c === '\r'
          ? '\\r'
          : c === '\\'
            ? '\\\\'
            : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** Secrets show as the mask whatever the core returned; the JSON form carries `value: null` for them. */
export function maskEnvVars(vars: EnvVarDto[]): EnvVarDto[] {
  return vars.map((v) => (v.secret ? { ...v, value: null } : v));
}

export function formatEnvTable(ref: string, vars: EnvVarDto[]): string {
  if (vars.length === 0) return `No variables on ${ref}. Set one with: mist env set ${ref} KEY=VALUE\n`;
  const rows = [...vars]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((v) => [v.key, v.secret ? MASK : formatEnvValue(v.value ?? ''), v.scope, v.secret ? 'secret' : '-']);
  return formatTable(['KEY', 'VALUE', 'SCOPE', 'SECRET'], rows);
}

/** e.g. "shop/web: running (up 5 min)", "shop/web: stopped (exit code 137)". */
export function formatAppStatus(ref: string, status: AppStatusDto, now: number): string {
  const details: string[] = [];
  if (status.summary) details.push(status.summary);
  if (status.containerState && status.containerState !== status.status)
    details.push(`container ${status.containerState}`);
  if (status.status === 'running' && status.startedAt) details.push(`started ${formatAgo(status.startedAt, now)}`);
  if (status.exitCode !== null && status.status !== 'running') details.push(`exit code ${status.exitCode}`);
  return `${ref}: ${status.status}${details.length ? ` (${details.join(', ')})` : ''}\n`;
}
