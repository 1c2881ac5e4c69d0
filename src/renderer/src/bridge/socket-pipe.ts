import type { MessagePipe } from '../../../shared/bridge-client';
import type { MistErrorShape } from '../../../shared/errors';
import { isPackedLogBatch, unpackLogBatch } from '../../../shared/log-batch';
import type { ClientMessage, ServerMessage } from '../../../shared/wire';

/**
 * A MessagePipe over a WebSocket, opened on first use and reopened on the next call after it closes.
 * Calls and subscriptions sent before the socket opens are queued. When the socket closes, every
 * pending call gets an error result and every live stream an error end, so nothing waits forever.
 */
export class SocketPipe implements MessagePipe {
  private socket: WebSocket | null = null;
  private opened = false;
  private queue: ClientMessage[] = [];
  private readonly listeners: ((message: ServerMessage) => void)[] = [];
  private readonly pendingCalls = new Set<number>();
  private readonly liveStreams = new Set<number>();

  constructor(private readonly url: string) {}

  send(message: ClientMessage): void {
    if (message.type === 'call') this.pendingCalls.add(message.id);
    if (message.type === 'subscribe') this.liveStreams.add(message.id);
    if (message.type === 'unsubscribe') this.liveStreams.delete(message.id);

    if (this.socket && this.opened) {
      this.socket.send(JSON.stringify(message));
      return;
    }
    // Acks and unsubscribes only mean something to the socket they belonged to.
    if (message.type === 'call' || message.type === 'subscribe') {
      this.queue.push(message);
      this.ensureSocket();
    }
  }

  onMessage(listener: (message: ServerMessage) => void): void {
    this.listeners.push(listener);
  }

  private ensureSocket(): void {
    if (this.socket) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.opened = true;
      const queued = this.queue;
      this.queue = [];
      for (const message of queued) socket.send(JSON.stringify(message));
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let message: ServerMessage;
      try {
        message = JSON.parse(event.data) as ServerMessage;
      } catch {
        return;
      }
      this.deliver(isPackedLogBatch(message) ? unpackLogBatch(message) : message);
    };
    socket.onclose = () => {
      const wasOpen = this.opened;
      this.socket = null;
      this.opened = false;
      this.queue = [];
      this.failEverything(wasOpen);
    };
  }

  private deliver(message: ServerMessage): void {
    if (message.type === 'result') this.pendingCalls.delete(message.id);
    if (message.type === 'end') this.liveStreams.delete(message.id);
    for (const listener of this.listeners) listener(message);
  }

  private failEverything(wasOpen: boolean): void {
    const error: MistErrorShape = {
      code: 'internal',
      message: wasOpen
        ? 'Lost the connection to the Mist core. It will be retried on the next action.'
        : 'Could not reach the Mist core. Open the address Mist printed at start-up: it carries the access token.',
    };
    for (const id of [...this.pendingCalls]) this.deliver({ type: 'result', id, ok: false, error });
    for (const id of [...this.liveStreams]) this.deliver({ type: 'end', id, error });
  }
}
