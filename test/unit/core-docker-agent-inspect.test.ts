import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SshDockerAgent } from '../../src/main/core/docker/ssh-docker-agent';
import { ServerConnection } from '../../src/main/core/ssh/server-connection';

describe('SshDockerAgent', () => {
  it('stays cheap to inspect: docker-modem inspects the request options (agent included) on every call', () => {
    const connection = new ServerConnection('srv', () => Promise.reject(new Error('not used')));
    const agent = new SshDockerAgent(connection, () => ({
      serverName: 's',
      user: 'u',
      socketPath: '/var/run/docker.sock',
    }));
    const text = inspect({ agent }, { showHidden: true, depth: null });
    expect(text).toContain('SshDockerAgent { route: stream-local }');
    expect(text.length).toBeLessThan(200);
    agent.destroy();
    connection.dispose();
  });
});
