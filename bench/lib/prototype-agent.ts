import { inspect } from 'node:util';
import { SshDockerAgent, type DockerTarget } from '../../src/main/core/docker/ssh-docker-agent';
import type { ServerConnection } from '../../src/main/core/ssh/server-connection';

/**
 * A PROTOTYPE of fixes to src/main/core/docker/ssh-docker-agent.ts, used only by
 * bench/transport-diagnosis.ts to prove their effect. The core keeps its own agent.
 */
export interface PrototypeFixes {
  /**
   * docker-modem's buildRequest runs `util.inspect(options, { showHidden: true, depth: null })` for
   * its debug log on EVERY request, even with debug off. `options.agent` is our agent, so that walks
   * the whole ssh2 Client and every pooled channel: milliseconds per call with one channel, hundreds
   * with 16. A custom inspect makes the agent print as one short line.
   */
  inspectGuard: boolean;
  /** Keep as many idle channels as the widest burst, so a burst never closes and reopens channels. */
  maxFreeSockets?: number;
}

export class PrototypeDockerAgent extends SshDockerAgent {
  constructor(conn: ServerConnection, target: () => DockerTarget, fixes: PrototypeFixes) {
    super(conn, target);
    if (fixes.maxFreeSockets !== undefined) this.maxFreeSockets = fixes.maxFreeSockets;
    if (fixes.inspectGuard) {
      Object.defineProperty(this, inspect.custom, { value: () => `SshDockerAgent { server: ${conn.serverId} }` });
    }
  }
}
