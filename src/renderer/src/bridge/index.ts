import type { MistBridge } from '../../../shared/wire';
import { createWebBridge } from './web-bridge';

/**
 * The only place that knows there are two shells: Electron's preload defines `window.mist`; the web
 * shell does not, so the renderer builds the same bridge over a WebSocket.
 */
let bridge: MistBridge | null = null;

export function getBridge(): MistBridge {
  bridge ??= window.mist ?? createWebBridge();
  return bridge;
}
