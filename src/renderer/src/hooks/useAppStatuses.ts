import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { AppStatusDto } from '../../../shared/dto/app';
import { api, queryKeys } from '../api';
import { mergeAppStatuses, type AppStatuses } from '../lib/app-status';

const RESUBSCRIBE_MIN_MS = 1_000;
const RESUBSCRIBE_MAX_MS = 30_000;

/**
 * Keeps the app-status map current from the `apps.statusWatch` stream (fed by Docker's events on the
 * server, not by polling). Mounted once by the frame; resubscribes with backoff after an error, and
 * when the set of apps changes (`appsKey`): the core watches the apps that exist when it subscribes.
 */
export function useAppStatusesStream(appsKey: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = RESUBSCRIBE_MIN_MS;

    const subscribe = () => {
      unsubscribe = api.watch(
        'apps.statusWatch',
        {},
        (events) => {
          delay = RESUBSCRIBE_MIN_MS;
          queryClient.setQueryData<AppStatuses>(queryKeys.appStatuses, (current) => mergeAppStatuses(current, events));
        },
        (error) => {
          unsubscribe = null;
          if (stopped || error === null) return;
          timer = setTimeout(subscribe, delay);
          delay = Math.min(delay * 2, RESUBSCRIBE_MAX_MS);
        },
      );
    };
    subscribe();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
    };
  }, [queryClient, appsKey]);
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
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.appStatuses,
    queryFn: () => queryClient.getQueryData<AppStatuses>(queryKeys.appStatuses) ?? {},
    initialData: {},
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data;
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
