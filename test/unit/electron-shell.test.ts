import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { actionHash, appMenuTemplate, trayMenuTemplate } from '../../src/main/electron/menus';
import { trayModel } from '../../src/shared/tray-model';
import type { MenuCommand } from '../../src/shared/wire';

const ipcMain = new EventEmitter();
vi.mock('electron', () => ({ ipcMain }));

describe('Electron shell: menus, tray, single instance, IPC senders', () => {
  it('the app menu has the standard roles and a Command Palette item that asks the page to open it', () => {
    const sent: MenuCommand[] = [];
    const menu = appMenuTemplate(false, (command) => sent.push(command));
    expect(menu.map((m) => m.role ?? m.label)).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu']);
    expect(appMenuTemplate(true, () => {})[0]).toEqual({ role: 'appMenu' });
    const view = menu[2]!.submenu as MenuItemConstructorOptions[];
    const palette = view.find((item) => item.label === 'Command Palette…')!;
    // the page handles Ctrl/Cmd+K itself: the menu must not swallow the key
    expect(palette).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: false });
    (palette.click as () => void)();
    (view.find((item) => item.label === 'Settings')!.click as () => void)();
    expect(sent).toEqual([{ kind: 'open-palette' }, { kind: 'navigate', hash: '#/settings' }]);
    expect(view.map((item) => item.role).filter(Boolean)).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    );
  });

  it('the tray menu is the model: headings disabled, items run their action; actions lead to pages', () => {
    const model = trayModel({
      servers: [{ id: 's1', name: 'prod', status: 'connected' }],
      running: [],
      recent: [],
      now: 0,
    });
    const run = vi.fn();
    const template = trayMenuTemplate(model.menu, run);
    expect(template[0]).toEqual({ label: 'Servers', enabled: false });
    expect(template.filter((t) => t.type === 'separator')).toHaveLength(1);
    const quit = template.find((t) => t.label === 'Quit')!;
    (quit.click as () => void)();
    expect(run).toHaveBeenCalledWith({ kind: 'quit' });
    expect(actionHash({ kind: 'open-server', serverId: 's1' }, () => null)).toBe('#/servers/s1');
    expect(actionHash({ kind: 'open-deployment', deploymentId: 'd 1' }, () => 'a1')).toBe(
      '#/apps/a1/deployments/d%201',
    );
    expect(actionHash({ kind: 'open-deployment', deploymentId: 'd1' }, () => null)).toBeNull();
    expect(actionHash({ kind: 'open-window' }, () => null)).toBeNull();
  });

  it('main takes the single-instance lock, hides to the tray only when the setting says so, and themes the background', () => {
    const main = readFileSync('src/main/electron/main.ts', 'utf8');
    expect(main).toMatch(/if \(!app\.requestSingleInstanceLock\(\)\) \{\s+app\.quit\(\);/);
    expect(main).toContain("app.on('second-instance'");
    expect(main).toMatch(/!quitting && tray && core\?\.settings\.get\(\)\.closeToTray/);
    expect(main).toMatch(/backgroundColor: nativeTheme\.shouldUseDarkColors/);
    expect(main).toContain('webPreferences: secureWebPreferences(');
    expect(main).toContain('applySecurityRestrictions(isAppUrl)');
    const security = readFileSync('src/main/electron/security.ts', 'utf8');
    expect(security).toContain('setPermissionRequestHandler((_contents, _permission, callback) => callback(false))');
    expect(security).toContain("return { action: 'deny' }");
  });

  it('the preload exposes exactly one object, window.mist', () => {
    const preload = readFileSync('src/preload/index.ts', 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld('mist', mist)");
  });

  it('IPC: messages from any frame but our own page are dropped', async () => {
    const { bindIpc } = await import('../../src/main/electron/ipc-bridge');
    const handled: unknown[] = [];
    const handlers = { 'app.info': (input: unknown) => (handled.push(input), { version: '1' }) } as never;
    bindIpc(handlers, (url) => url.startsWith('file:///app/'));
    const contents = (url: string, sub = false) => {
      const mainFrame = { url };
      const sender = Object.assign(new EventEmitter(), {
        id: Math.random(),
        mainFrame,
        isDestroyed: () => false,
        send: vi.fn(),
      });
      return { sender, senderFrame: sub ? { url } : mainFrame };
    };
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const message = { type: 'call', id: 1, channel: 'app.info', input: {} };
    ipcMain.emit('mist:message', contents('https://evil.example/'), message);
    ipcMain.emit('mist:message', contents('file:///app/index.html', true), message);
    expect(handled).toHaveLength(0);
    expect(error).toHaveBeenCalledTimes(2);
    const ours = contents('file:///app/index.html');
    ipcMain.emit('mist:message', ours, message);
    await vi.waitFor(() => expect(ours.sender.send).toHaveBeenCalled());
    expect(handled).toHaveLength(1);
    error.mockRestore();
  });
});
