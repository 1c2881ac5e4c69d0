import type { AppDto, ProjectDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import {
  createAppInputSchema,
  updateAppInputSchema,
  type CreateAppInput,
  type UpdateAppInput,
} from '../../../shared/schemas/app';
import type { AuditLog } from '../audit/audit-log';
import { newId } from '../ids';
import type { SecretStore } from '../secrets/secret-store';
import { toAppDto, type AppRecord, type AppSettings, type AppsRepo } from '../store/apps-repo';
import type { Database } from '../store/database';
import type { EnvVarsRepo } from '../store/env-vars-repo';
import type { ProjectsRepo } from '../store/projects-repo';
import type { ServersRepo } from '../store/servers-repo';
import { removeAppContainer } from './app-container';
import { messageOf, sentence } from './error-text';
import { assertWithinCapacity, readServerCapacity } from './server-limits';
import type { AppPool } from './server-reachability';
import { validateInput } from './validate-input';

export type { AppRecord } from '../store/apps-repo';

export interface AppServiceDeps {
  db: Database;
  apps: AppsRepo;
  projects: ProjectsRepo;
  envVars: EnvVarsRepo;
  servers: ServersRepo;
  secrets: SecretStore;
  /** The Docker client of a server (and, when given, its connection's state). */
  pool: AppPool;
  audit: AuditLog;
  /**
   * Runs first in `delete`, before anything is removed (e.g. the deploy pipeline cancels and waits
   * for the app's deploys). Throwing refuses the delete.
   */
  beforeDelete?: (app: AppRecord) => Promise<void>;
}

const SETTING_KEYS = [
  'name',
  'description',
  'port',
  'gitUrl',
  'branch',
  'dockerfilePath',
  'rootDir',
  'cpuLimit',
  'memoryMb',
  'restartPolicy',
] as const satisfies ReadonlyArray<keyof AppSettings>;

/**
 * Settings a deploy applies: changing one bumps config_version (and so marks a redeploy pending).
 * The description is only for people; the name only renames (the container is `app-{id}`).
 */
const DEPLOYED_KEYS: ReadonlySet<keyof AppSettings> = new Set([
  'port',
  'gitUrl',
  'branch',
  'dockerfilePath',
  'rootDir',
  'cpuLimit',
  'memoryMb',
  'restartPolicy',
]);

function settingsOf(app: AppSettings): AppSettings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, app[key]])) as unknown as AppSettings;
}

function pick(settings: AppSettings, keys: ReadonlyArray<keyof AppSettings>): Partial<AppSettings> {
  return Object.fromEntries(keys.map((key) => [key, settings[key]])) as Partial<AppSettings>;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Web and service apps: their settings, validated against the server, audited, versioned for deploys. */
export class AppService {
  constructor(private readonly deps: AppServiceDeps) {}

  /** Every app, or one project's apps (the project must exist). */
  list(projectId?: string): AppDto[] {
    if (projectId !== undefined) this.project(projectId);
    return this.deps.apps.list(projectId).map(toAppDto);
  }

  get(appId: string): AppDto {
    return toAppDto(this.record(appId));
  }

  /** For the deploy pipeline: the DTO plus project name, config version and the URL git clones. */
  record(appId: string): AppRecord {
    const record = this.deps.apps.findById(appId);
    if (!record) throw new MistError('not-found', `No app with id ${appId}.`);
    return record;
  }

  /** For the CLI: `project/app` (or an app id) → the app. */
  resolvePath(path: string): AppDto {
    const text = path.trim();
    const match = /^([^/\s]+)\/([^/\s]+)$/.exec(text);
    if (!match) {
      const byId = this.deps.apps.findById(text);
      if (byId) return toAppDto(byId);
      throw new MistError('invalid-input', `Name an app as PROJECT/APP (for example shop/web), not "${text}".`);
    }
    const [, projectName, appName] = match as unknown as [string, string, string];
    const project = this.deps.projects.findByName(projectName);
    if (!project) throw new MistError('not-found', `No project named ${projectName}.`);
    const app = this.deps.apps.findByName(project.id, appName);
    if (!app) throw new MistError('not-found', `Project ${projectName} has no app named ${appName}.`);
    return toAppDto(app);
  }

  async create(input: CreateAppInput): Promise<AppDto> {
    const parsed = validateInput(createAppInputSchema, input);
    const project = this.project(parsed.projectId);
    this.assertNameFree(project, parsed.name);
    await this.checkLimits(project.serverId, { cpuLimit: parsed.cpuLimit, memoryMb: parsed.memoryMb });

    const id = newId();
    const settings = settingsOf(parsed);
    const record = this.write(project, parsed.name, () => {
      const created = this.deps.apps.insert({ id, projectId: project.id, type: parsed.type, ...settings });
      this.deps.audit.record({
        action: 'app.create',
        targetType: 'app',
        targetId: id,
        appId: id,
        summary: `Created ${parsed.type} app ${project.name}/${parsed.name}.`,
        after: { type: parsed.type, ...settings },
      });
      return created;
    });
    return toAppDto(record);
  }

  /** Changes the given settings; a change a deploy applies bumps config_version. No change: no audit. */
  async update(input: UpdateAppInput): Promise<AppDto> {
    const parsed = validateInput(updateAppInputSchema, input);
    const current = this.record(parsed.id);
    const next = settingsOf(current);
    for (const key of SETTING_KEYS) {
      const value = parsed[key];
      if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    }
    const changed = SETTING_KEYS.filter((key) => next[key] !== current[key]);
    if (changed.length === 0) return toAppDto(current);

    const project = this.project(current.projectId);
    if (changed.includes('name')) this.assertNameFree(project, next.name);
    await this.checkLimits(current.serverId, {
      cpuLimit: changed.includes('cpuLimit') ? next.cpuLimit : null,
      memoryMb: changed.includes('memoryMb') ? next.memoryMb : null,
    });

    const bump = changed.some((key) => DEPLOYED_KEYS.has(key));
    const record = this.write(project, next.name, () => {
      this.record(current.id); // still there after the server answered
      const updated = this.deps.apps.update(current.id, next, bump);
      this.deps.audit.record({
        action: 'app.update',
        targetType: 'app',
        targetId: current.id,
        appId: current.id,
        summary: `Changed ${changed.join(', ')} of ${project.name}/${current.name}.`,
        before: pick(current, changed),
        after: pick(next, changed),
      });
      return updated;
    });
    return toAppDto(record);
  }

  /**
   * Removes the app's container on its server (if there is one), its secret env values from the
   * keychain, then its rows (env vars, deployments and their logs cascade). If the container cannot
   * be removed, nothing is deleted and the error says why.
   */
  async delete(appId: string): Promise<void> {
    const app = this.record(appId);
    const appPath = `${app.projectName}/${app.name}`;
    await this.deps.beforeDelete?.(app);
    const server = this.deps.servers.findById(app.serverId);
    await removeAppContainer(this.deps.pool, app.serverId, app.id, {
      appPath,
      serverName: server?.name ?? app.serverId,
    });
    for (const envVar of this.deps.envVars.list(app.id)) {
      if (envVar.secretRef === null) continue;
      try {
        await this.deps.secrets.delete(envVar.secretRef);
      } catch (error) {
        throw new MistError(
          'keychain-unavailable',
          `The container of ${appPath} was removed, but its secret ${envVar.key} could not be deleted from the keychain: ` +
            `${sentence(messageOf(error))} The app was kept; delete it again once the keychain answers.`,
        );
      }
    }
    this.deps.db.transaction(() => {
      this.deps.apps.remove(app.id);
      this.deps.audit.record({
        action: 'app.delete',
        targetType: 'app',
        targetId: app.id,
        appId: app.id,
        summary: `Deleted app ${appPath} and its container.`,
        before: { type: app.type, ...settingsOf(app) },
      });
    })();
  }

  private project(projectId: string): ProjectDto {
    const project = this.deps.projects.findById(projectId);
    if (!project) throw new MistError('not-found', `No project with id ${projectId}.`);
    return project;
  }

  private assertNameFree(project: ProjectDto, name: string): void {
    if (this.deps.apps.findByName(project.id, name)) {
      throw new MistError('conflict', `Project ${project.name} already has an app named ${name}.`);
    }
  }

  /** Runs the writes in one transaction; a name taken meanwhile (a race) is a conflict too. */
  private write(project: ProjectDto, name: string, run: () => AppRecord): AppRecord {
    try {
      return this.deps.db.transaction(run)();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new MistError('conflict', `Project ${project.name} already has an app named ${name}.`);
      }
      throw error;
    }
  }

  /** Only when a limit is set: asks the server's Docker engine for its cores and memory. */
  private async checkLimits(serverId: string, limits: { cpuLimit: number | null; memoryMb: number | null }) {
    if (limits.cpuLimit === null && limits.memoryMb === null) return;
    const serverName = this.deps.servers.findById(serverId)?.name ?? serverId;
    const capacity = await readServerCapacity(this.deps.pool, serverId, serverName);
    assertWithinCapacity(limits, capacity, serverName);
  }
}
