import type { ProjectDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import { createProjectInputSchema, renameProjectInputSchema } from '../../../shared/schemas/app';
import type { AppService } from '../apps/app-service';
import { validateInput } from '../apps/validate-input';
import type { AuditLog } from '../audit/audit-log';
import { newId } from '../ids';
import type { Database } from '../store/database';
import type { ProjectsRepo } from '../store/projects-repo';
import type { ServersRepo } from '../store/servers-repo';

export interface ProjectServiceDeps {
  db: Database;
  projects: ProjectsRepo;
  servers: ServersRepo;
  apps: AppService;
  audit: AuditLog;
}

function sqliteCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/** Projects: a named group of apps on one server (so its apps reach each other by container name). */
export class ProjectService {
  constructor(private readonly deps: ProjectServiceDeps) {}

  list(): ProjectDto[] {
    return this.deps.projects.list();
  }

  get(id: string): ProjectDto {
    const project = this.deps.projects.findById(id);
    if (!project) throw new MistError('not-found', `No project with id ${id}.`);
    return project;
  }

  /** For the CLI: a project by id or name. */
  resolve(idOrName: string): ProjectDto {
    const project = this.deps.projects.findById(idOrName) ?? this.deps.projects.findByName(idOrName);
    if (!project) throw new MistError('not-found', `No project named ${idOrName}.`);
    return project;
  }

  create(input: { name: string; serverId: string }): ProjectDto {
    const { name, serverId } = validateInput(createProjectInputSchema, input);
    const server = this.deps.servers.findById(serverId);
    if (!server) throw new MistError('not-found', `No server with id ${serverId}.`);
    this.assertNameFree(name);
    const id = newId();
    return this.write(name, () => {
      const project = this.deps.projects.insert({ id, name, serverId });
      this.deps.audit.record({
        action: 'project.create',
        targetType: 'project',
        targetId: id,
        appId: null,
        summary: `Created project ${name} on ${server.name}.`,
        after: { name, serverId, serverName: server.name },
      });
      return project;
    });
  }

  rename(input: { id: string; name: string }): ProjectDto {
    const { id, name } = validateInput(renameProjectInputSchema, input);
    const current = this.get(id);
    if (current.name === name) return current;
    this.assertNameFree(name);
    return this.write(name, () => {
      const project = this.deps.projects.rename(id, name);
      this.deps.audit.record({
        action: 'project.rename',
        targetType: 'project',
        targetId: id,
        appId: null,
        summary: `Renamed project ${current.name} to ${name}.`,
        before: { name: current.name },
        after: { name },
      });
      return project;
    });
  }

  /**
   * Refused (conflict, naming the apps) while the project holds apps, unless `removeApps`: then each
   * app is deleted as AppService.delete does (container, keychain secrets, rows). If one of them
   * cannot be deleted, the error says which; the apps deleted before it stay deleted and the project
   * is kept.
   */
  async delete(input: { id: string; removeApps?: boolean }): Promise<void> {
    const project = this.get(input.id);
    const apps = this.deps.apps.list(project.id);
    if (apps.length > 0 && !input.removeApps) {
      const names = apps.map((app) => app.name).join(', ');
      throw new MistError(
        'conflict',
        `Project ${project.name} still holds ${apps.length === 1 ? 'the app' : 'the apps'} ${names}. ` +
          'Delete them first, or confirm removing them and their containers with the project.',
        { apps: names },
      );
    }
    for (const app of apps) {
      try {
        await this.deps.apps.delete(app.id);
      } catch (error) {
        if (!(error instanceof MistError)) throw error;
        throw new MistError(error.code, `Project ${project.name} was kept: ${error.message}`, error.details);
      }
    }
    this.write(project.name, () => {
      this.deps.projects.remove(project.id);
      this.deps.audit.record({
        action: 'project.delete',
        targetType: 'project',
        targetId: project.id,
        appId: null,
        summary:
          apps.length > 0
            ? `Deleted project ${project.name} with its apps ${apps.map((app) => app.name).join(', ')}.`
            : `Deleted project ${project.name}.`,
        before: { name: project.name, serverId: project.serverId, apps: apps.map((app) => app.name) },
      });
    });
  }

  private assertNameFree(name: string): void {
    if (this.deps.projects.findByName(name)) throw new MistError('conflict', `A project named ${name} already exists.`);
  }

  /** Runs the writes in one transaction; a race (name taken, app added meanwhile) is a conflict. */
  private write<T>(name: string, run: () => T): T {
    try {
      return this.deps.db.transaction(run)();
    } catch (error) {
      const code = sqliteCode(error);
      if (code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new MistError('conflict', `A project named ${name} already exists.`);
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new MistError('conflict', `Project ${name} gained an app meanwhile; it was kept.`);
      }
      throw error;
    }
  }
}
