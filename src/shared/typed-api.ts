import { unwrapOutcome } from './bridge-client';
import type { CallChannel, EventOf, InputOf, OutputOf, StreamChannel } from './api';
import type { MistErrorShape } from './errors';
import type { MistBridge } from './wire';

/** The typed face of `window.mist`, used by the renderer and by tests of the API. */
export interface TypedApi {
  call<K extends CallChannel>(channel: K, input: InputOf<K>): Promise<OutputOf<K>>;
  watch<K extends StreamChannel>(
    channel: K,
    input: InputOf<K>,
    onEvents: (events: EventOf<K>[]) => void,
    onEnd?: (error: MistErrorShape | null) => void,
  ): () => void;
}

export function typedApi(bridge: MistBridge): TypedApi {
  return {
    async call(channel, input) {
      return unwrapOutcome(await bridge.invoke(channel, input));
    },
    watch(channel, input, onEvents, onEnd) {
      return bridge.subscribe(channel, input, (events) => onEvents(events as never), onEnd ?? (() => {}));
    },
  };
}
