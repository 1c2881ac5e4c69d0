import { useQueryClient } from '@tanstack/react-query';
import type { ConnectionStateDto } from '../../../shared/dto/server';
import { queryKeys } from '../api';
import { mergeConnectionStates, type ConnectionStates } from '../lib/connection-states';
import { useStreamFedQuery, useStreamIntoQuery } from './useStreamIntoQuery';

/**
 * Keeps the `connections` query entry up to date from the `connections.watch` stream. Mounted once,
 * by the app frame; if the stream ends with an error it subscribes again with backoff.
 */
export function useConnectionStatesStream(): void {
  useStreamIntoQuery({ channel: 'connections.watch', queryKey: queryKeys.connections, merge: mergeConnectionStates });
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
  return useStreamFedQuery<ConnectionStates>(queryKeys.connections, {});
}

export function useConnectionState(serverId: string): ConnectionStateDto | undefined {
  return useConnectionStates()[serverId];
}
