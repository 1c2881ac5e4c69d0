import type { CallChannel, EventOf, OutputOf, ParsedInputOf, StreamChannel } from '../../../shared/api';
import type { StreamSink } from './stream-sink';

/** The core's side of the API: one function per channel, typed from the one definition. */
export type CallHandlers = {
  [K in CallChannel]: (input: ParsedInputOf<K>) => Promise<OutputOf<K>> | OutputOf<K>;
};

/** A stream handler starts producing into the sink and returns how to stop. */
export type StreamHandlers = {
  [K in StreamChannel]: (input: ParsedInputOf<K>, sink: StreamSink<EventOf<K>>) => () => void;
};

export type ApiHandlers = CallHandlers & StreamHandlers;

/** The handlers for the channels whose names start with one of the given prefixes. */
export type HandlersFor<Prefix extends string> = Pick<ApiHandlers, Extract<keyof ApiHandlers, `${Prefix}${string}`>>;
