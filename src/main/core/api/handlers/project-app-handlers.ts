import type { AppService } from '../../apps/app-service';
import type { AuditLog } from '../../audit/audit-log';
import type { EnvService } from '../../env/env-service';
import type { ProjectService } from '../../projects/project-service';
import type { ApiHandlers, HandlersFor } from '../api-handlers';

/** Projects, app settings, env vars and the audit log (the deploy channels live in deploy-handlers). */
export type ProjectAppHandlers = HandlersFor<'projects.' | 'env.' | 'audit.'> &
  Pick<ApiHandlers, 'apps.list' | 'apps.get' | 'apps.create' | 'apps.update' | 'apps.delete'>;

export interface ProjectAppHandlerDeps {
  projects: ProjectService;
  apps: AppService;
  env: EnvService;
  audit: AuditLog;
}

/** Binds the project, app-settings, env and audit channels to their services. */
export function projectAppHandlers({ projects, apps, env, audit }: ProjectAppHandlerDeps): ProjectAppHandlers {
  return {
    'projects.list': () => projects.list(),
    'projects.create': (input) => projects.create(input),
    'projects.rename': (input) => projects.rename(input),
    'projects.delete': async (input) => {
      await projects.delete(input);
      return { removed: true as const };
    },

    'apps.list': ({ projectId }) => apps.list(projectId),
    'apps.get': ({ appId }) => apps.get(appId),
    'apps.create': (input) => apps.create(input),
    'apps.update': (input) => apps.update(input),
    'apps.delete': async ({ appId, removeVolume }) => {
      await apps.delete(appId, { removeVolume });
      return { removed: true as const };
    },

    'env.list': ({ appId }) => env.list(appId),
    'env.set': ({ appId, vars }) => env.set(appId, vars),
    'env.import': ({ appId, dotenv, secret, scope }) => env.import(appId, dotenv, secret, scope),
    'env.delete': async ({ appId, key }) => {
      await env.delete(appId, key);
      return { removed: true as const };
    },
    'env.reveal': async ({ appId, key }) => ({ value: await env.reveal(appId, key) }),

    'audit.list': (input) => audit.list(input),
  };
}
