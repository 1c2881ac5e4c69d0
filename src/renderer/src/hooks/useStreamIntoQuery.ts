import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventOf, StreamChannel } from '../../../shared/api';
import { api } from '../api';

const RESUBSCRIBE_MIN_MS = 1_000;
const RESUBSCRIBE_MAX_MS = 30_000;

/**
 * Folds a stream's events into one query-cache entry, subscribing again with backoff when the stream
 * ends with an error. `resubscribeKey` changing also starts a fresh subscription.
 */
export function useStreamIntoQuery<K extends StreamChannel, T>(options: {
  channel: K;
  queryKey: QueryKey;
  merge: (current: T | undefined, events: EventOf<K>[]) => T;
  resubscribeKey?: string;
}): void {
  const queryClient = useQueryClient();
  const { channel, queryKey, merge, resubscribeKey } = options;
  const keyText = JSON.stringify(queryKey);
  useEffect(() => {
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = RESUBSCRIBE_MIN_MS;

    const subscribe = () => {
      unsubscribe = api.watch(
        channel,
        {} as never,
        (events) => {
          delay = RESUBSCRIBE_MIN_MS;
          queryClient.setQueryData<T>(queryKey, (current) => merge(current, events));
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
    // queryKey is compared by its text; merge is a module-level function at every call site
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryClient, channel, keyText, resubscribeKey]);
}

/** A query entry fed only by a stream and by answers: it never fetches. */
export function useStreamFedQuery<T>(queryKey: QueryKey, empty: T): T {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey,
    queryFn: () => queryClient.getQueryData<T>(queryKey) ?? empty,
    initialData: empty,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data ?? empty;
}
