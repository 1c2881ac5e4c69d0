import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AppStatusDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { mergeAppStatuses, type AppStatuses } from '../lib/app-status';
import { useStreamFedQuery, useStreamIntoQuery } from './useStreamIntoQuery';

/**
 * Keeps the app-status map current from the `apps.statusWatch` stream (fed by Docker's events on the
 * server, not by polling). Mounted once by the frame; resubscribes with backoff after an error, and
 * when the set of apps changes (`appsKey`).
 */
export function useAppStatusesStream(appsKey: string): void {
  useStreamIntoQuery({
    channel: 'apps.statusWatch',
    queryKey: queryKeys.appStatuses,
    merge: mergeAppStatuses,
    resubscribeKey: appsKey,
  });
}

/** Records a status learned outside the stream (the answer of `apps.status` or `apps.control`). */
export function useRecordAppStatus(): (status: AppStatusDto) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (status) =>
      queryClient.setQueryData<AppStatuses>(queryKeys.appStatuses, (current) => mergeAppStatuses(current, [status])),
    [queryClient],
  );
}

/** Fed only by the stream and by answers: the query never fetches. */
export function useAppStatuses(): AppStatuses {
  return useStreamFedQuery<AppStatuses>(queryKeys.appStatuses, {});
}

/**
 * One app's status: from the stream, and asked once with `apps.status` when its page opens (the
 * stream may not have reported this app yet).
 */
export function useAppStatus(appId: string): { status: AppStatusDto | undefined; error: Error | null } {
  const statuses = useAppStatuses();
  const record = useRecordAppStatus();
  const asked = useQuery({
    queryKey: ['apps.status', appId],
    queryFn: async () => {
      const status = await api.call('apps.status', { appId });
      record(status);
      return status;
    },
    staleTime: Infinity,
  });
  return { status: statuses[appId] ?? asked.data, error: asked.error };
}
