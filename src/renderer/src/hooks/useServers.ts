import { useQuery } from '@tanstack/react-query';
import type { ServerDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';

export function useServers() {
  return useQuery({ queryKey: queryKeys.servers, queryFn: () => api.call('servers.list', {}) });
}

/** One server, read from the list (so edits and removals show everywhere at once). */
export function useServer(id: string): { server: ServerDto | undefined; isPending: boolean; error: Error | null } {
  const { data, isPending, error } = useServers();
  return { server: data?.find((server) => server.id === id), isPending, error };
}

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => api.call('app.info', {}), staleTime: Infinity });
}
