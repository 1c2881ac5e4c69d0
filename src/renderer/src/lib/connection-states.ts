import type { ConnectionStateDto } from '../../../shared/dto/server';

/** Connection states by server id, as the `connections.watch` stream and `servers.connect` report them. */
export type ConnectionStates = Readonly<Record<string, ConnectionStateDto>>;

/** Applies events in order; an event older than what we hold for that server is ignored. */
export function mergeConnectionStates(
  current: ConnectionStates | undefined,
  events: readonly ConnectionStateDto[],
): ConnectionStates {
  let next: Record<string, ConnectionStateDto> | null = null;
  for (const event of events) {
    const held = (next ?? current)?.[event.serverId];
    if (held && held.since > event.since) continue;
    next ??= { ...current };
    next[event.serverId] = event;
  }
  return next ?? current ?? {};
}
