import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridgeClient } from '../shared/bridge-client';
import { IPC_CHANNEL, MENU_CHANNEL, type MenuCommand, type MistBridge, type ServerMessage } from '../shared/wire';

/**
 * Exposes exactly one object to the renderer, `window.mist`: the typed API bridge over IPC, and
 * the commands the app menu, tray and notifications send. No Node, no ipcRenderer, nothing else
 * crosses the context bridge.
 */
const bridge = createBridgeClient({
  send: (message) => ipcRenderer.send(IPC_CHANNEL, message),
  onMessage: (listener) => {
    ipcRenderer.on(IPC_CHANNEL, (_event, message: ServerMessage) => listener(message));
  },
});

function isMenuCommand(value: unknown): value is MenuCommand {
  const command = value as MenuCommand | null;
  if (typeof command !== 'object' || command === null) return false;
  return command.kind === 'open-palette' || (command.kind === 'navigate' && typeof command.hash === 'string');
}

const mist: MistBridge = {
  invoke: (channel, input) => bridge.invoke(channel, input),
  subscribe: (channel, input, onEvents, onEnd) => bridge.subscribe(channel, input, onEvents, onEnd),
  onMenuCommand(listener) {
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('mist', mist);
