import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { ApiSession } from '../core/api/api-session';
import type { ApiHandlers } from '../core/api/api-handlers';
import { IPC_CHANNEL } from '../../shared/wire';

/**
 * Serves the API over IPC: one ApiSession per window, and only to frames showing our own page
 * (a message from any other sender is dropped and logged).
 */
export function bindIpc(handlers: ApiHandlers, isAppUrl: (url: string) => boolean): void {
  const sessions = new Map<number, ApiSession>();

  const sessionFor = (contents: WebContents): ApiSession => {
    let apiSession = sessions.get(contents.id);
    if (!apiSession) {
      apiSession = new ApiSession(handlers, (message) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, message);
      });
      sessions.set(contents.id, apiSession);
      contents.once('destroyed', () => {
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      });
    }
    return apiSession;
  };

  ipcMain.on(IPC_CHANNEL, (event: IpcMainEvent, message: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl) || event.senderFrame !== event.sender.mainFrame) {
      console.error(`mist: dropped an IPC message from an unexpected sender (${frameUrl || 'unknown frame'})`);
      return;
    }
    sessionFor(event.sender).receive(message);
  });
}
