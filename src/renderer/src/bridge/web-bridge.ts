import { createBridgeClient } from '../../../shared/bridge-client';
import type { MistBridge } from '../../../shared/wire';
import { SocketPipe } from './socket-pipe';
import { apiSocketUrl, resolveToken } from '../lib/web-token';

/**
 * `window.mist` for the web shell, where there is no preload: the same bridge client, over a
 * WebSocket to `/api?token=…` on the page's own origin.
 */
export function createWebBridge(): MistBridge {
  const { token, cleanedUrl } = resolveToken(window.location.href, window.sessionStorage);
  if (cleanedUrl !== null) window.history.replaceState(window.history.state, '', cleanedUrl);
  return createBridgeClient(new SocketPipe(apiSocketUrl(window.location.href, token)));
}
