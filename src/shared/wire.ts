import type { MistErrorShape } from './errors';

/**
 * The messages that carry the API over any transport (Electron IPC or the web shell's WebSocket).
 * Streams are flow-controlled: the producer sends batches and stops once `STREAM_WINDOW` events are
 * unacknowledged; the consumer acknowledges each batch after handling it.
 */

/** The one Electron IPC channel that carries these messages both ways. */
export const IPC_CHANNEL = 'mist:message';

export const STREAM_WINDOW = 5_000;
export const STREAM_BATCH_MAX = 500;
/** Streams that flood (a container log): larger batches and window, fewer messages and acknowledgements. */
export const STREAM_LIMITS: Readonly<Record<string, { window: number; batchMax: number }>> = {
  'apps.logs': { window: 20_000, batchMax: 2_000 },
};

export type ClientMessage =
  | { type: 'call'; id: number; channel: string; input: unknown }
  | { type: 'subscribe'; id: number; channel: string; input: unknown }
  | { type: 'ack'; id: number; count: number }
  | { type: 'unsubscribe'; id: number };

export type ServerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: MistErrorShape }
  | { type: 'batch'; id: number; events: unknown[] }
  | { type: 'end'; id: number; error: MistErrorShape | null };

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: MistErrorShape };

/** The channel on which the Electron shell's menu, tray and notifications send the renderer a MenuCommand. */
export const MENU_CHANNEL = 'mist:menu';

/** What the app menu, the tray and a clicked notification ask of the renderer. */
export type MenuCommand = { kind: 'open-palette' } | { kind: 'navigate'; hash: string };

/**
 * The one object the preload (or the web bridge) exposes as `window.mist`. `invoke` resolves with an
 * outcome instead of rejecting, because errors lose their fields when they cross the context bridge.
 */
export interface MistBridge {
  invoke(channel: string, input: unknown): Promise<CallOutcome>;
  subscribe(
    channel: string,
    input: unknown,
    onEvents: (events: unknown[]) => void,
    onEnd: (error: MistErrorShape | null) => void,
  ): () => void;
  /** Electron only: commands from the app menu, the tray and notifications. Returns how to stop listening. */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void;
}
