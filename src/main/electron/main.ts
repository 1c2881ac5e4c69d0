import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, nativeTheme } from 'electron';
import { createCore, type Core } from '../core/core';
import { createTrayFeed, type TrayFeed } from '../core/tray/tray-feed';
import type { TrayAction } from '../../shared/tray-model';
import { MENU_CHANNEL, type MenuCommand } from '../../shared/wire';
import { actionHash, appMenuTemplate } from './menus';
import { startTray } from './tray';
import { bindIpc } from './ipc-bridge';
import { applySecurityRestrictions } from './security';
import { secureWebPreferences } from './web-preferences';
import { loadWindowBounds, saveWindowBounds } from './window-state';

/**
 * The Electron shell: a thin layer over the core. It owns the window, the menu and the security
 * settings; every behaviour lives in the core, reached from the renderer through the typed API.
 */
const rendererUrl = process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev`
const rendererFile = join(__dirname, '../renderer/index.html');
const appUrlPrefix = rendererUrl ?? pathToFileURL(rendererFile).href;
const isAppUrl = (url: string) => url.startsWith(appUrlPrefix);

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let trayFeed: TrayFeed | null = null;
let tray: { destroy(): void } | null = null;
/** Set once the user really quits (menu, tray, OS): closing the window then closes it. */
let quitting = false;

function createWindow(dataDir: string, hash = ''): BrowserWindow {
  const bounds = loadWindowBounds(dataDir);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Mist Desktop',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f7f7f8', // no white flash in dark mode
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    saveWindowBounds(dataDir, window.getBounds());
    // close to the tray (a setting): the app keeps running and notifying; Quit ends it
    if (!quitting && tray && core?.settings.get().closeToTray) {
      event.preventDefault();
      window.hide();
    }
  });
  if (rendererUrl) void window.loadURL(rendererUrl + hash);
  else void window.loadFile(rendererFile, hash ? { hash: hash.slice(1) } : {});
  return window;
}

/** Brings the window back (re-created if it was closed), optionally at a page (`#/…`). */
function showWindow(hash?: string): void {
  if (!core) return;
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createWindow(core.dataDir, hash);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  if (hash) sendToWindow({ kind: 'navigate', hash });
}

function sendToWindow(command: MenuCommand): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MENU_CHANNEL, command);
}

function runTrayAction(action: TrayAction): void {
  if (action.kind === 'quit') {
    quitting = true;
    app.quit();
    return;
  }
  const hash = actionHash(action, (deploymentId) => {
    try {
      return trayFeed?.appIdOf(deploymentId) ?? core?.deploys.get(deploymentId).appId ?? null;
    } catch {
      return null; // deleted meanwhile: just open the window
    }
  });
  showWindow(hash ?? undefined);
}

function buildMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform === 'darwin', sendToWindow)));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('before-quit', () => {
    quitting = true;
  });

  void app.whenReady().then(async () => {
    applySecurityRestrictions(isAppUrl);
    // packaged: electron-builder copies templates/ into the app's resources
    core = await createCore({
      shell: 'electron',
      watchBranches: true,
      ...(app.isPackaged ? { templatesDir: join(process.resourcesPath, 'templates') } : {}),
    });
    bindIpc(core.handlers, isAppUrl);
    buildMenu();
    mainWindow = createWindow(core.dataDir);
    trayFeed = createTrayFeed(core);
    try {
      // packaged: the tray icons are copied into the app's resources (electron-builder.yml)
      tray = startTray(
        trayFeed,
        app.isPackaged ? process.resourcesPath : join(__dirname, '../../resources'),
        runTrayAction,
      );
    } catch (error) {
      console.error(`mist: no tray on this desktop (${(error as Error).message}); closing the window quits`);
    }
    app.on('activate', () => showWindow());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    tray?.destroy();
    trayFeed?.stop();
    void core?.close();
  });
}
