import type { AppInfoDto, ConnectionStateDto } from '../../../../shared/dto/server';
import type { SecretStore } from '../../secrets/secret-store';
import { checkServer } from '../../servers/server-check';
import type { ServerService } from '../../servers/server-service';
import type { ConnectionPool } from '../../ssh/connection-pool';
import type { HandlersFor } from '../api-handlers';

/** (Prepare server and the Traefik dashboard live with the domain handlers.) */
export type ServerHandlers = Omit<
  HandlersFor<'app.' | 'servers.' | 'connections.'>,
  'servers.prepare' | 'servers.openTraefikDashboard'
>;

export interface ServerHandlerDeps {
  servers: ServerService;
  pool: ConnectionPool;
  secrets: SecretStore;
  info: Omit<AppInfoDto, 'keychain'>;
}

/** The app-info, server and connection channels. */
export function serverHandlers({ servers, pool, secrets, info }: ServerHandlerDeps): ServerHandlers {
  return {
    'app.info': async () => ({ ...info, keychain: await secrets.availability() }),
    'servers.list': () => servers.list(),
    'servers.get': ({ id }) => servers.get(id),
    'servers.probeHostKey': (input) => servers.probeHostKey(input),
    'servers.add': (input) => servers.add(input),
    'servers.update': (input) => servers.update(input),
    'servers.remove': async ({ id }) => {
      await servers.remove(id);
      return { removed: true as const };
    },
    'servers.acceptHostKey': ({ id, hostKey }) => servers.acceptHostKey(id, hostKey),
    'servers.sshConfigHosts': ({ path }) => servers.sshConfigHosts(path),
    'servers.connect': ({ id }) => servers.connect(id),
    'servers.check': ({ id }) => checkServer(servers.get(id), pool),
    'servers.dockerSpace': ({ id }) => servers.dockerSpace(id),
    'servers.reclaimDockerSpace': ({ id, buildCache }) => servers.reclaimDockerSpace(id, { buildCache }),
    'connections.watch': (_input, sink) => {
      for (const state of pool.states()) sink.push(state);
      const forward = (state: ConnectionStateDto) => sink.push(state);
      pool.on('state', forward);
      return () => pool.off('state', forward);
    },
  };
}
