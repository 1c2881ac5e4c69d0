import type { ApiHandlers, HandlersFor } from './api-handlers';
import type { DatabaseHandlers } from '../databases/database-handlers';
import type { DeployHandlers } from './handlers/deploy-handlers';
import type { DomainHandlers } from './handlers/domain-handlers';
import type { GitHubHandlers } from './handlers/github-handlers';
import type { ProjectAppHandlers } from './handlers/project-app-handlers';
import type { ServerHandlers } from './handlers/server-handlers';
import type { ShellHandlers } from './handlers/shell-handlers';

/** Every API channel bound to the service that does the work, one group per area. */
export function createHandlers(groups: {
  servers: ServerHandlers;
  projectsAndApps: ProjectAppHandlers;
  deploys: DeployHandlers;
  domains: DomainHandlers;
  templates: HandlersFor<'templates.'>;
  databases: DatabaseHandlers;
  shell: ShellHandlers;
  settings: HandlersFor<'settings.'>;
  github: GitHubHandlers;
}): ApiHandlers {
  return {
    ...groups.servers,
    ...groups.projectsAndApps,
    ...groups.deploys,
    ...groups.domains,
    ...groups.templates,
    ...groups.databases,
    ...groups.shell,
    ...groups.settings,
    ...groups.github,
  };
}
