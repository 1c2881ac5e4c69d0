import type { ConnectionInfoDto, DataVolumeDto } from '../../../shared/dto/database';
import type { TemplateCatalogDto } from '../../../shared/dto/template';
import { MistError } from '../../../shared/errors';
import type { HandlersFor } from '../api/api-handlers';
import type { AppRecord } from '../store/apps-repo';
import { renderConnectionStrings } from '../templates/connection-strings';
import { findTemplate } from '../templates/template-lookup';
import type { AppPool } from '../apps/server-reachability';
import { listDataVolumes } from './data-volumes';
import { placeholderValues } from './database-pipeline';

export type DatabaseHandlers = HandlersFor<'databases.'>;

export interface DatabaseHandlerDeps {
  apps: { record(appId: string): AppRecord; records(): AppRecord[] };
  env: { resolved(appId: string, scope: 'runtime'): Promise<Array<{ key: string; value: string }>> };
  templates: () => TemplateCatalogDto;
  pool: AppPool;
}

/** Connection information of database apps, and the data volumes on a server. */
export function databaseHandlers(deps: DatabaseHandlerDeps): DatabaseHandlers {
  return {
    'databases.connectionInfo': async ({ appId, reveal }): Promise<ConnectionInfoDto> => {
      const app = deps.apps.record(appId);
      if (!app.database) throw new MistError('invalid-input', `${app.name} is a ${app.type} app, not a database.`);
      const template = findTemplate(deps.templates(), app.database.templateId);
      const values = placeholderValues(template, await deps.env.resolved(app.id, 'runtime'));
      const host = `app-${app.id}`;
      return {
        appId,
        host,
        port: app.port,
        publishedPort: app.database.publishPort ? app.port : null,
        revealed: reveal,
        strings: renderConnectionStrings(template, values, { host, port: app.port, reveal }),
      };
    },
    'databases.volumes': async ({ serverId, template }): Promise<DataVolumeDto[]> => {
      const users = new Map(
        deps.apps
          .records()
          .filter((app) => app.database && app.serverId === serverId)
          .map((app) => [app.database!.volumeName, `${app.projectName}/${app.name}`]),
      );
      const volumes = await listDataVolumes(deps.pool.docker(serverId), template);
      return volumes.map((volume) => ({ ...volume, inUseBy: users.get(volume.name) ?? null }));
    },
  };
}
