import type { MenuItemConstructorOptions } from 'electron';
import type { MenuItemModel, TrayAction } from '../../shared/tray-model';
import type { MenuCommand } from '../../shared/wire';

/**
 * The menus as Electron templates, built from data. Only types come from Electron here, so tests
 * run these under plain Node; main.ts hands the templates to Menu.buildFromTemplate.
 */

/** The tray's context menu: headings become disabled labels, items run their action. */
export function trayMenuTemplate(
  items: readonly MenuItemModel[],
  run: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'heading':
        return { label: item.label, enabled: false };
      case 'item':
        return { label: item.label, click: () => run(item.action) };
    }
  });
}

/**
 * The app menu: the standard roles (app on macOS, file, edit, view, window), plus the command
 * palette and settings. Ctrl/Cmd+K is handled by the page itself, so the menu only shows it.
 */
export function appMenuTemplate(isMac: boolean, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        {
          label: 'Command Palette…',
          accelerator: 'CmdOrCtrl+K',
          registerAccelerator: false,
          click: () => send({ kind: 'open-palette' }),
        },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => send({ kind: 'navigate', hash: '#/settings' }) },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

/** Where a tray action or a clicked notification leads in the window. */
export function actionHash(action: TrayAction, appIdOf: (deploymentId: string) => string | null): string | null {
  switch (action.kind) {
    case 'open-server':
      return `#/servers/${encodeURIComponent(action.serverId)}`;
    case 'open-deployment': {
      const appId = appIdOf(action.deploymentId);
      if (appId === null) return null;
      return `#/apps/${encodeURIComponent(appId)}/deployments/${encodeURIComponent(action.deploymentId)}`;
    }
    default:
      return null;
  }
}
