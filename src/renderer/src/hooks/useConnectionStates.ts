import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConnectionStateDto } from '../../../shared/dto/server';
import { api, queryKeys } from '../api';
import { mergeConnectionStates, type ConnectionStates } from '../lib/connection-states';

const RESUBSCRIBE_MIN_MS = 1_000;
const RESUBSCRIBE_MAX_MS = 30_000;

/**
 * Keeps the `connections` query entry up to date from the `connections.watch` stream. Mounted once,
 * by the app frame; if the stream ends with an error it subscribes again with backoff.
 */
export function useConnectionStatesStream(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = RESUBSCRIBE_MIN_MS;

    const subscribe = () => {
      unsubscribe = api.watch(
        'connections.watch',
        {},
        (events) => {
          delay = RESUBSCRIBE_MIN_MS;
          queryClient.setQueryData<ConnectionStates>(queryKeys.connections, (current) =>
            mergeConnectionStates(current, events),
          );
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
  }, [queryClient]);
}

/** Applies a state learned outside the stream (e.g. the answer of `servers.connect`). */
export function useRecordConnectionState(): (state: ConnectionStateDto) => void {
  const queryClient = useQueryClient();
  return (state) =>
    queryClient.setQueryData<ConnectionStates>(queryKeys.connections, (current) =>
      mergeConnectionStates(current, [state]),
    );
}

/** Fed only by the stream: the query never fetches. */
export function useConnectionStates(): ConnectionStates {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => queryClient.getQueryData<ConnectionStates>(queryKeys.connections) ?? {},
    initialData: {},
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data;
}

export function useConnectionState(serverId: string): ConnectionStateDto | undefined {
  return useConnectionStates()[serverId];
}
