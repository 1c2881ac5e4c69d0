import { join } from 'node:path';
import { Menu, Notification, Tray, nativeTheme } from 'electron';
import type { TrayFeed, TrayUpdate } from '../core/tray/tray-feed';
import type { DeployNotification } from '../../shared/deploy-notification';
import { trayIconFile, type TrayAction, type TrayModel } from '../../shared/tray-model';
import { trayMenuTemplate } from './menus';

/** Elapsed times in the menu ("building… 1m 20s") are refreshed this often. */
const REFRESH_MS = 15_000;

/**
 * Renders the core's TrayFeed: the icon for its state and the bar's theme, the tooltip, the menu,
 * and a native notification for each finished deploy (clicking it runs its action).
 */
export function startTray(feed: TrayFeed, iconDir: string, run: (action: TrayAction) => void): { destroy(): void } {
  const iconPath = (model: TrayModel) =>
    join(iconDir, trayIconFile(model.icon, nativeTheme.shouldUseDarkColors ? 'dark' : 'light'));
  const first = feed.model();
  const tray = new Tray(iconPath(first));
  // notifications are kept until clicked or closed: one collected early never reports its click
  const shown = new Set<Notification>();

  const render = (model: TrayModel) => {
    tray.setImage(iconPath(model));
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model.menu, run)));
  };
  const notify = (notification: DeployNotification) => {
    if (!Notification.isSupported()) return;
    const native = new Notification({ title: notification.title, body: notification.body });
    shown.add(native);
    native.on('click', () => {
      shown.delete(native);
      run(notification.action);
    });
    native.on('close', () => shown.delete(native));
    native.show();
  };
  const onUpdate = (update: TrayUpdate) => {
    render(update.tray);
    if (update.notification) notify(update.notification);
  };
  const refresh = () => render(feed.model());

  render(first);
  feed.on('update', onUpdate);
  nativeTheme.on('updated', refresh);
  const timer = setInterval(refresh, REFRESH_MS);
  tray.on('click', () => run({ kind: 'open-window' }));

  return {
    destroy() {
      clearInterval(timer);
      feed.off('update', onUpdate);
      nativeTheme.off('updated', refresh);
      shown.clear();
      tray.destroy();
    },
  };
}
