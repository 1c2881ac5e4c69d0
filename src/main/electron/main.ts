import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, nativeTheme } from 'electron';
import { createCore, type Core } from '../core/core';
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

function createWindow(dataDir: string): BrowserWindow {
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
  window.on('close', () => saveWindowBounds(dataDir, window.getBounds()));
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(rendererFile);
  return window;
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin';
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(isMac ? [{ role: 'appMenu' as const }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(async () => {
    applySecurityRestrictions(isAppUrl);
    // packaged: electron-builder copies templates/ into the app's resources
    core = await createCore({
      shell: 'electron',
      ...(app.isPackaged ? { templatesDir: join(process.resourcesPath, 'templates') } : {}),
    });
    bindIpc(core.handlers, isAppUrl);
    buildMenu();
    mainWindow = createWindow(core.dataDir);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0 && core) mainWindow = createWindow(core.dataDir);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    void core?.close();
  });
}
