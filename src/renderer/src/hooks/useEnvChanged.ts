import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys } from '../api';

/** After any variable change: the list, the app (redeploy pending) and its audit entries. */
export function useEnvChanged(appId: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.env(appId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.apps }),
      queryClient.invalidateQueries({ queryKey: queryKeys.audit(appId) }),
    ]);
  }, [queryClient, appId]);
}
