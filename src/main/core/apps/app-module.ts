import { projectAppHandlers, type ProjectAppHandlers } from '../api/handlers/project-app-handlers';
import { AuditLog } from '../audit/audit-log';
import { EnvService } from '../env/env-service';
import { ProjectService } from '../projects/project-service';
import type { TemplateCatalogDto } from '../../../shared/dto/template';
import type { SecretStore } from '../secrets/secret-store';
import { AppsRepo } from '../store/apps-repo';
import { AuditRepo } from '../store/audit-repo';
import type { Database } from '../store/database';
import { EnvVarsRepo } from '../store/env-vars-repo';
import { ProjectsRepo } from '../store/projects-repo';
import type { ServersRepo } from '../store/servers-repo';
import { AppService, type AppRecord } from './app-service';
import type { AppPool } from './server-reachability';

export interface AppModuleDeps {
  db: Database;
  secrets: SecretStore;
  pool: AppPool;
  servers: ServersRepo;
  /** Who the audit log names; defaults to the local OS user. */
  actor?: string;
  /** Runs before an app is deleted (e.g. cancel its deploys); throwing refuses the delete. */
  beforeAppDelete?: (app: AppRecord) => Promise<void>;
  /** The database templates, for database apps. */
  templates?: () => TemplateCatalogDto;
}

export interface AppModule {
  projects: ProjectService;
  apps: AppService;
  env: EnvService;
  audit: AuditLog;
  handlers: ProjectAppHandlers;
}

/** Projects, apps, env vars and the audit log, wired over one database, keychain and connection pool. */
export function createAppModule(deps: AppModuleDeps): AppModule {
  const { db, secrets, pool, servers } = deps;
  const appsRepo = new AppsRepo(db);
  const projectsRepo = new ProjectsRepo(db);
  const envVars = new EnvVarsRepo(db);
  const audit = new AuditLog(new AuditRepo(db), deps.actor === undefined ? {} : { actor: deps.actor });
  const apps = new AppService({
    db,
    apps: appsRepo,
    projects: projectsRepo,
    envVars,
    servers,
    secrets,
    pool,
    audit,
    ...(deps.beforeAppDelete ? { beforeDelete: deps.beforeAppDelete } : {}),
    ...(deps.templates ? { templates: deps.templates } : {}),
  });
  const projects = new ProjectService({ db, projects: projectsRepo, servers, apps, audit });
  const env = new EnvService({ db, apps: appsRepo, envVars, secrets, audit });
  return { projects, apps, env, audit, handlers: projectAppHandlers({ projects, apps, env, audit }) };
}
