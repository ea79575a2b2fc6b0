import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate, type ApplicationMenuInput, type MenuActions, type MenuCommand } from './menu';

const now = new Date('2026-12-02T10:00:00Z');
const council = 'https://council.example.org';
const water = 'https://water.example.org:8443';
const input: ApplicationMenuInput = { platform: 'win32', appName: 'Caseway', isPackaged: true, workspace: council, workspaces: [council], sync: { connection: 'online', pendingChanges: 0, lastSyncAt: new Date('2026-12-02T09:55:00Z') }, updateCheck: 'idle', now };
const commands: MenuCommand[] = ['newInteraction', 'commandPalette', 'keyboardHelp', 'syncNow', 'openLogFolder', 'sendProblemReport', 'checkForUpdates', 'about'];

function actions(): MenuActions {
  return { ...Object.fromEntries(commands.map((c) => [c, vi.fn()])), openWorkspace: vi.fn() } as unknown as MenuActions;
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function byId(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = items(template).find((i) => i.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

const click = (item: MenuItemConstructorOptions): void => (item.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, View, Window and Help on Windows, and the app menu first on macOS', () => {
    expect(applicationMenuTemplate(input, actions()).map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const mac = applicationMenuTemplate({ ...input, platform: 'darwin' }, actions());
    expect(mac.map((m) => m.label)).toEqual(['Caseway', '&File', '&Edit', '&View', '&Window', '&Help']);
    expect(mac.find((m) => m.label === '&Window')?.role).toBe('windowMenu');
  });

  it('sends each command to its action', () => {
    const a = actions();
    const template = applicationMenuTemplate(input, a);
    click(byId(template, 'open-log-folder'));
    click(byId(template, 'send-problem-report'));
    click(byId(template, 'check-for-updates'));
    click(byId(template, 'sync-now'));
    expect(a.openLogFolder).toHaveBeenCalledTimes(1);
    expect(a.sendProblemReport).toHaveBeenCalledTimes(1);
    expect(a.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(a.syncNow).toHaveBeenCalledTimes(1);
    expect(a.about).not.toHaveBeenCalled();
  });

  it('shows the sync state, and offers Sync now only online', () => {
    const online = applicationMenuTemplate({ ...input, sync: { connection: 'online', pendingChanges: 3, lastSyncAt: new Date('2026-12-02T09:55:00Z') } }, actions());
    expect(byId(online, 'sync-status')).toMatchObject({ label: 'Online · 3 changes waiting', enabled: false });
    expect(byId(online, 'sync-last').label).toBe('Last synced 5 min ago');
    expect(byId(online, 'sync-now').enabled).toBe(true);
    const offline = applicationMenuTemplate({ ...input, sync: { connection: 'offline', pendingChanges: 1, lastSyncAt: null } }, actions());
    expect(byId(offline, 'sync-status').label).toBe('Offline · 1 change waiting');
    expect(byId(offline, 'sync-last').label).toBe('Not synced yet');
    expect(byId(offline, 'sync-now').enabled).toBe(false);
  });

  it('lists the workspaces to open or bring forward, the current one checked, only when there are several', () => {
    expect(items(applicationMenuTemplate(input, actions())).map((i) => i.id)).not.toContain('open-workspace');
    expect(items(applicationMenuTemplate(input, actions())).map((i) => i.id)).not.toContain('sync-workspace');
    const a = actions();
    const several = applicationMenuTemplate({ ...input, workspace: water, workspaces: [council, water] }, a);
    const submenu = byId(several, 'open-workspace').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((i) => [i.label, i.type, i.checked])).toEqual([
      ['council.example.org', 'radio', false],
      ['water.example.org:8443', 'radio', true],
    ]);
    for (const item of submenu) click(item);
    expect((a.openWorkspace as ReturnType<typeof vi.fn>).mock.calls).toEqual([[council], [water]]);
    // The sync lines say whose state they show.
    expect(byId(several, 'sync-workspace')).toMatchObject({ label: 'water.example.org:8443', enabled: false });
    const fileLabels = (several.find((m) => m.label === '&File')?.submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? i.type);
    expect(fileLabels.slice(0, 7)).toEqual(['New interaction', 'Command palette…', 'separator', 'Open workspace', 'separator', 'water.example.org:8443', 'Online · All changes synced']);
    // No window: nothing checked, no name.
    const none = applicationMenuTemplate({ ...input, workspace: null, workspaces: [council, water] }, actions());
    expect((byId(none, 'open-workspace').submenu as MenuItemConstructorOptions[]).map((i) => i.checked)).toEqual([false, false]);
    expect(items(none).map((i) => i.id)).not.toContain('sync-workspace');
  });

  it('disables the update check while one runs', () => {
    expect(byId(applicationMenuTemplate({ ...input, updateCheck: 'checking' }, actions()), 'check-for-updates')).toMatchObject({ label: 'Checking for updates…', enabled: false });
    expect(byId(applicationMenuTemplate({ ...input, updateCheck: 'readyToInstall' }, actions()), 'check-for-updates')).toMatchObject({ label: 'Restart to install the update', enabled: true });
  });

  it('keeps developer tools out of the packaged app', () => {
    const roles = (template: MenuItemConstructorOptions[]) => items(template).map((i) => i.role);
    expect(roles(applicationMenuTemplate(input, actions()))).not.toContain('toggleDevTools');
    expect(roles(applicationMenuTemplate({ ...input, isPackaged: false }, actions()))).toContain('toggleDevTools');
  });

  it('shows the renderer’s own shortcuts without registering them, so a key press reaches the page once', () => {
    const shortcuts = items(applicationMenuTemplate(input, actions())).filter((i) => i.accelerator);
    expect(shortcuts.map((i) => [i.label, i.accelerator, i.registerAccelerator])).toEqual([
      ['New interaction', 'Alt+N', false],
      ['Command palette…', 'CmdOrCtrl+K', false],
      ['Keyboard shortcuts', 'F1', false],
    ]);
  });
});
