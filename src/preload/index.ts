import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeClient } from '../shared/bridge-client';
import { IPC_CHANNEL, type ServerMessage } from '../shared/wire';

/**
 * Exposes exactly one object to the renderer, `window.mist`: the typed API bridge over IPC.
 * No Node, no ipcRenderer, nothing else crosses the context bridge.
 */
const bridge = createBridgeClient({
  send: (message) => ipcRenderer.send(IPC_CHANNEL, message),
  onMessage: (listener) => {
    ipcRenderer.on(IPC_CHANNEL, (_event, message: ServerMessage) => listener(message));
  },
});

contextBridge.exposeInMainWorld('mist', bridge);
