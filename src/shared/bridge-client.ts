import { MistError, type MistErrorShape } from './errors';
import type { CallOutcome, ClientMessage, MistBridge, ServerMessage } from './wire';

/** A message pipe to the core: Electron IPC in the preload, a WebSocket in the web shell. */
export interface MessagePipe {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): void;
}

interface StreamListener {
  onEvents: (events: unknown[]) => void;
  onEnd: (error: MistErrorShape | null) => void;
}

/**
 * Implements `window.mist` over a message pipe: matches results to calls, delivers stream batches and
 * acknowledges each batch once its listener has run (that acknowledgement is the flow control).
 */
export function createBridgeClient(pipe: MessagePipe): MistBridge {
  let nextId = 1;
  const pendingCalls = new Map<number, (outcome: CallOutcome) => void>();
  const streams = new Map<number, StreamListener>();

  pipe.onMessage((message) => {
    if (message.type === 'result') {
      const resolve = pendingCalls.get(message.id);
      pendingCalls.delete(message.id);
      resolve?.(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
      return;
    }
    const listener = streams.get(message.id);
    if (!listener) return;
    if (message.type === 'batch') {
      try {
        listener.onEvents(message.events);
      } finally {
        pipe.send({ type: 'ack', id: message.id, count: message.events.length });
      }
    } else {
      streams.delete(message.id);
      listener.onEnd(message.error);
    }
  });

  return {
    invoke(channel, input) {
      const id = nextId++;
      return new Promise<CallOutcome>((resolve) => {
        pendingCalls.set(id, resolve);
        pipe.send({ type: 'call', id, channel, input });
      });
    },
    subscribe(channel, input, onEvents, onEnd) {
      const id = nextId++;
      streams.set(id, { onEvents, onEnd });
      pipe.send({ type: 'subscribe', id, channel, input });
      return () => {
        if (streams.delete(id)) pipe.send({ type: 'unsubscribe', id });
      };
    },
  };
}

/** Turns an outcome back into a value or a thrown MistError (renderer side of the bridge). */
export function unwrapOutcome<T>(outcome: CallOutcome): T {
  if (outcome.ok) return outcome.value as T;
  throw MistError.fromShape(outcome.error);
}
