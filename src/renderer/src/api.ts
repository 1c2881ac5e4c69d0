import { typedApi, type TypedApi } from '../../shared/typed-api';
import { getBridge } from './bridge';

/** The typed API every component uses (always through react-query). */
export const api: TypedApi = typedApi(getBridge());

export const queryKeys = {
  appInfo: ['app.info'] as const,
  servers: ['servers'] as const,
  connections: ['connections'] as const,
  sshConfigHosts: ['servers.sshConfigHosts'] as const,
  check: (serverId: string) => ['servers.check', serverId] as const,
};
