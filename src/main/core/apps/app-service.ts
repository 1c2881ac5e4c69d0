import type { AppDto, ProjectDto } from '../../../shared/dto/app';
import type { TemplateCatalogDto, TemplateSecret } from '../../../shared/dto/template';
import { MistError } from '../../../shared/errors';
import {
  DEFAULT_HEALTH_CHECK_TIMEOUT_S,
  DEFAULT_LOG_RETENTION,
  DEFAULT_WATCH_INTERVAL_S,
  createAppInputSchema,
  updateAppInputSchema,
  type CreateAppInput,
  type UpdateAppInput,
} from '../../../shared/schemas/app';
import type { AuditLog } from '../audit/audit-log';
import { composeDown } from '../compose/compose-down';
import { assertAttachable, removeVolume } from '../databases/data-volumes';
import { assertKnownTag, assertSameMajor, defaultVolumeName, planDatabaseApp } from '../databases/database-app-plan';
import { envSecretRef } from '../env/env-service';
import { applyKeychainChanges } from '../env/keychain-changes';
import { generateSecret } from '../templates/generate-secret';
import { findTemplate } from '../templates/template-lookup';
import { newId } from '../ids';
import type { SecretStore } from '../secrets/secret-store';
import { toAppDto, type AppRecord, type AppSettings, type AppsRepo } from '../store/apps-repo';
import type { Database } from '../store/database';
import type { EnvVarsRepo } from '../store/env-vars-repo';
import type { ProjectsRepo } from '../store/projects-repo';
import type { ServersRepo } from '../store/servers-repo';
import { moveCheckout, removeCheckout } from './app-checkout';
import { removeAppContainer } from './app-container';
import { messageOf, sentence } from './error-text';
import { assertWithinCapacity, readServerCapacity } from './server-limits';
import { connectionState, type AppPool } from './server-reachability';
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
  /** The database templates (read on each use, so a new custom template counts at once). */
  templates?: () => TemplateCatalogDto;
  /** Makes a template's secrets; default: the OS CSPRNG. */
  generateSecret?: (secret: TemplateSecret) => string;
}

/** Compose apps read this file when none is given. */
export const DEFAULT_COMPOSE_FILE = 'docker-compose.yml';

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
  'logMaxSizeMb',
  'logMaxFiles',
  'healthCheckPath',
  'healthCheckTimeoutS',
  'templateTag',
  'publishPort',
  'composeFile',
  'publicService',
  'publicPort',
  'autoDeploy',
  'watchIntervalS',
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
  'logMaxSizeMb',
  'logMaxFiles',
  // a web app with domains: Traefik checks the path too (its labels)
  'healthCheckPath',
  'templateTag',
  'publishPort',
  'composeFile',
  'publicService',
  'publicPort',
]);

/** Settings only one app type has: [the key, the type, how the input names it]. */
const TYPE_ONLY: ReadonlyArray<[keyof UpdateAppInput, AppDto['type'], string]> = [
  ['version', 'database', 'a version'],
  ['publishPort', 'database', 'the publish-port setting'],
  ['composeFile', 'compose', 'a compose file'],
  ['publicService', 'compose', 'a public service'],
  ['publicPort', 'compose', 'a public port'],
];

/** Only web and service apps serve HTTP a deploy can check (a database has its template's check). */
const HEALTH_CHECK_KEYS: ReadonlyArray<keyof UpdateAppInput> = ['healthCheckPath', 'healthCheckTimeoutS'];

/** A database app has no repository to watch. */
const NEEDS_REPOSITORY: ReadonlyArray<keyof UpdateAppInput> = ['autoDeploy', 'watchIntervalS'];

function settingsOf(app: AppRecord): AppSettings {
  return {
    name: app.name,
    description: app.description,
    port: app.port,
    gitUrl: app.gitUrl,
    branch: app.branch,
    dockerfilePath: app.dockerfilePath,
    rootDir: app.rootDir,
    cpuLimit: app.cpuLimit,
    memoryMb: app.memoryMb,
    restartPolicy: app.restartPolicy,
    logMaxSizeMb: app.logRetention.maxSizeMb,
    logMaxFiles: app.logRetention.maxFiles,
    healthCheckPath: app.healthCheck.path,
    healthCheckTimeoutS: app.healthCheck.timeoutS,
    templateTag: app.database?.tag ?? null,
    publishPort: app.database?.publishPort ?? false,
    composeFile: app.compose?.file ?? null,
    publicService: app.compose?.publicService ?? null,
    publicPort: app.compose?.publicPort ?? null,
    autoDeploy: app.autoDeploy.enabled,
    watchIntervalS: app.autoDeploy.intervalS,
  };
}

/** A new web, service or compose app's settings from the create input. */
function settingsFromInput(input: CreateAppInput): AppSettings {
  return {
    name: input.name,
    description: input.description,
    port: input.port,
    gitUrl: input.gitUrl,
    branch: input.branch,
    dockerfilePath: input.dockerfilePath,
    rootDir: input.rootDir,
    cpuLimit: input.cpuLimit,
    memoryMb: input.memoryMb,
    restartPolicy: input.restartPolicy,
    logMaxSizeMb: input.logMaxSizeMb ?? DEFAULT_LOG_RETENTION.maxSizeMb,
    logMaxFiles: input.logMaxFiles ?? DEFAULT_LOG_RETENTION.maxFiles,
    healthCheckPath: input.healthCheckPath ?? null,
    healthCheckTimeoutS: input.healthCheckTimeoutS ?? DEFAULT_HEALTH_CHECK_TIMEOUT_S,
    templateTag: null,
    publishPort: false,
    composeFile: input.type === 'compose' ? (input.composeFile ?? DEFAULT_COMPOSE_FILE) : null,
    publicService: null,
    publicPort: null,
    autoDeploy: false,
    watchIntervalS: DEFAULT_WATCH_INTERVAL_S,
  };
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

  /** Every app with its project name (for lookups across projects, e.g. who uses a volume). */
  records(): AppRecord[] {
    return this.deps.apps.list();
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
    if (parsed.type === 'database') return this.createDatabase(parsed, project);
    await this.checkLimits(project.serverId, { cpuLimit: parsed.cpuLimit, memoryMb: parsed.memoryMb });

    const id = newId();
    const settings = settingsFromInput(parsed);
    const record = this.write(project, parsed.name, () => {
      const created = this.deps.apps.insert({
        id,
        projectId: project.id,
        type: parsed.type,
        templateId: null,
        volumeName: null,
        ...settings,
      });
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
    for (const [key, type, what] of TYPE_ONLY) {
      if (parsed[key] !== undefined && current.type !== type) {
        throw new MistError(
          'invalid-input',
          `Only ${type} apps have ${what}; ${current.name} is a ${current.type} app.`,
        );
      }
    }
    for (const key of HEALTH_CHECK_KEYS) {
      if (parsed[key] !== undefined && current.type !== 'web' && current.type !== 'service') {
        throw new MistError(
          'invalid-input',
          `Only web and service apps have an HTTP health check; ${current.name} is a ${current.type} app.`,
        );
      }
    }
    for (const key of NEEDS_REPOSITORY) {
      if (parsed[key] !== undefined && current.type === 'database') {
        throw new MistError(
          'invalid-input',
          `${current.name} is a database app: it has no repository to deploy from automatically.`,
        );
      }
    }
    const next = settingsOf(current);
    const given: Partial<AppSettings> = {
      ...parsed,
      ...(parsed.version !== undefined ? { templateTag: parsed.version } : {}),
    };
    for (const key of SETTING_KEYS) {
      const value = given[key];
      if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    }
    if (current.database && next.templateTag !== current.database.tag) {
      const template = findTemplate(this.templates(), current.database.templateId);
      assertKnownTag(template, next.templateTag!);
      assertSameMajor(template, current.database.tag, next.templateTag!);
    }
    const before = settingsOf(current);
    const changed = SETTING_KEYS.filter((key) => next[key] !== before[key]);
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
        before: pick(before, changed),
        after: pick(next, changed),
      });
      return updated;
    });
    if (changed.includes('name') && current.type !== 'database') await this.followRename(current, next.name);
    return toAppDto(record);
  }

  /**
   * The checkout on the server follows a rename (it is named after the app), so the next deploy
   * fetches instead of cloning again and no old copy stays behind. Only while the server is
   * connected and no deploy of the app uses the checkout, and never failing the rename: otherwise
   * the next deploy clones afresh.
   */
  private async followRename(app: AppRecord, newName: string): Promise<void> {
    if (connectionState(this.deps.pool, app.serverId)?.status !== 'connected') return;
    if (this.deps.apps.isDeploying(app.id)) return;
    await moveCheckout(this.deps.pool, app, app.name, newName).catch(() => {});
  }

  /**
   * Removes the app's container on its server (if there is one), its secret env values from the
   * keychain, then its rows (env vars, deployments and their logs cascade). If the container cannot
   * be removed, nothing is deleted and the error says why.
   */
  async delete(appId: string, options: { removeVolume?: boolean } = {}): Promise<void> {
    const app = this.record(appId);
    const appPath = `${app.projectName}/${app.name}`;
    await this.deps.beforeDelete?.(app);
    const server = this.deps.servers.findById(app.serverId);
    const serverName = server?.name ?? app.serverId;
    let composeNote = '';
    if (app.type === 'compose') {
      composeNote = await this.composeDown(app, appPath, serverName, options.removeVolume === true);
    } else {
      await removeAppContainer(this.deps.pool, app.serverId, app.id, { appPath, serverName });
    }
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
    // a database app has no repository, so no checkout
    const checkoutRemoved =
      app.type !== 'database' &&
      (await removeCheckout(this.deps.pool, app).catch((error: unknown) => {
        throw new MistError(
          'command-failed',
          `The container of ${appPath} was removed, but its checkout on ${serverName} could not be: ` +
            `${sentence(messageOf(error))} The app was kept; delete it again.`,
        );
      }));
    let volumeNote = '';
    if (app.database) {
      if (options.removeVolume) {
        await removeVolume(this.deps.pool.docker(app.serverId), app.database.volumeName).catch((error: unknown) => {
          throw new MistError(
            'docker-error',
            `The container of ${appPath} was removed, but its data volume ${app.database!.volumeName} could not be: ` +
              `${sentence(messageOf(error))} The app was kept; delete it again.`,
          );
        });
        volumeNote = ` and its data volume ${app.database.volumeName}`;
      } else {
        volumeNote = `; its data volume ${app.database.volumeName} was kept (re-attach it to a new ${app.database.templateId} app)`;
      }
    }
    this.deps.db.transaction(() => {
      this.deps.apps.remove(app.id);
      this.deps.audit.record({
        action: 'app.delete',
        targetType: 'app',
        targetId: app.id,
        appId: app.id,
        summary: `Deleted app ${appPath}${checkoutRemoved ? ', its container' : ' and its container'}${app.type === 'compose' ? 's' : ''}${checkoutRemoved ? ' and its checkout' : ''}${volumeNote}${composeNote}.`,
        before: { type: app.type, ...settingsOf(app) },
      });
    })();
  }

  /**
   * A database app: the template's image, port and data path; env from the template with its secrets
   * generated once into the keychain; CPU and memory from the template's recommendation (capped at
   * the server's capacity). All or nothing: a keychain or SQLite failure leaves no app and no secret.
   */
  private async createDatabase(parsed: CreateAppInput, project: ProjectDto): Promise<AppDto> {
    const template = findTemplate(this.templates(), parsed.template!);
    const plan = planDatabaseApp(parsed, template, this.deps.generateSecret ?? generateSecret);
    const serverName = this.deps.servers.findById(project.serverId)?.name ?? project.serverId;
    const capacity = await readServerCapacity(this.deps.pool, project.serverId, serverName);
    // the template's recommendation is a default, not a demand: a small server gets what it has
    if (parsed.cpuLimit === null) plan.settings.cpuLimit = Math.min(plan.settings.cpuLimit!, capacity.cores);
    if (parsed.memoryMb === null) plan.settings.memoryMb = Math.min(plan.settings.memoryMb!, capacity.memoryMb);
    assertWithinCapacity(plan.settings, capacity, serverName);

    const id = newId();
    let volumeName = defaultVolumeName(id);
    if (parsed.attachVolume !== undefined) {
      const usedBy = this.deps.apps.list().find((app) => app.database?.volumeName === parsed.attachVolume);
      await assertAttachable(
        this.deps.pool.docker(project.serverId),
        parsed.attachVolume,
        template.id,
        usedBy ? `${usedBy.projectName}/${usedBy.name}` : null,
      );
      volumeName = parsed.attachVolume;
    }

    const settings = { ...plan.settings, name: parsed.name };
    const undo = await applyKeychainChanges(
      this.deps.secrets,
      plan.env.filter((v) => v.secret).map((v) => ({ ref: envSecretRef(id, v.key), value: v.value })),
    );
    try {
      const record = this.write(project, parsed.name, () => {
        const created = this.deps.apps.insert({
          id,
          projectId: project.id,
          type: 'database',
          templateId: template.id,
          volumeName,
          ...settings,
        });
        for (const v of plan.env) {
          this.deps.envVars.upsert(
            id,
            v.secret
              ? { key: v.key, scope: 'runtime', value: null, secretRef: envSecretRef(id, v.key) }
              : { key: v.key, scope: 'runtime', value: v.value, secretRef: null },
          );
        }
        this.deps.audit.record({
          action: 'app.create',
          targetType: 'app',
          targetId: id,
          appId: id,
          summary:
            `Created database app ${project.name}/${parsed.name} from ${template.name} ${settings.templateTag}` +
            (parsed.attachVolume ? `, re-attaching the volume ${volumeName}` : '') +
            (plan.generated.length ? `; generated ${plan.generated.join(', ')} (kept in the keychain)` : '') +
            '.',
          after: {
            type: 'database',
            template: template.id,
            volume: volumeName,
            ...settings,
            env: plan.env.map((v) => (v.secret ? { key: v.key, secret: true } : { key: v.key, value: v.value })),
          },
        });
        return created;
      });
      return toAppDto(record);
    } catch (error) {
      await undo();
      throw error;
    }
  }

  /** A compose app's services go with `compose down` (its volumes too when asked); nothing is deleted if that fails. */
  private async composeDown(app: AppRecord, appPath: string, serverName: string, removeVolumes: boolean) {
    const { pool } = this.deps;
    if (!pool.connection) throw new MistError('internal', 'Compose apps need the SSH connection pool.');
    try {
      // called on the pool: ConnectionPool's methods need their `this`
      const done = await composeDown(pool.connection(app.serverId), pool.docker(app.serverId), app, {
        removeVolumes,
      });
      return `${removeVolumes ? ' and volumes' : ''}${done.note ? ` (${done.note})` : ''}`;
    } catch (error) {
      throw new MistError(
        'docker-error',
        `Could not remove the services of ${appPath} on ${serverName}: ${sentence(messageOf(error))} The app was kept; nothing was deleted.`,
      );
    }
  }

  private templates(): TemplateCatalogDto {
    if (!this.deps.templates) throw new MistError('internal', 'Database templates are not available here.');
    return this.deps.templates();
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
