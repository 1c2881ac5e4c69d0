import type { ShellService } from '../../shell/shell-service';
import type { ApiHandlers, HandlersFor } from '../api-handlers';

/** The container shell: a stream to open it, calls to type into it and resize it. */
export type ShellHandlers = HandlersFor<'shell.'> & Pick<ApiHandlers, 'apps.shell'>;

export function shellHandlers(shells: ShellService): ShellHandlers {
  return {
    'apps.shell': ({ appId, service, cols, rows }, sink) =>
      shells.open({ appId, cols, rows, ...(service !== undefined ? { service } : {}) }, sink),
    'shell.input': ({ sessionId, data }) => shells.input(sessionId, data),
    'shell.resize': ({ sessionId, cols, rows }) => shells.resize(sessionId, { cols, rows }),
  };
}
