import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { ShellCommand } from '../shared/ipc/bridge';
import { shellCommandSchema } from '../shared/ipc/bridge';
import { applicationMenuTemplate } from './menu';
import { aboutBox, problemReportFailedBox, shellActions, updateNoticeBox, windowCommands, type ShellCommandHandlers } from './shellCommands';
import { trayMenuTemplate } from './tray';

function setUp(overrides: Partial<ShellCommandHandlers> = {}) {
  const calls: string[] = [];
  const handlers: ShellCommandHandlers = {
    sendToWindow: (command) => {
      calls.push(`send ${command}`);
      return true;
    },
    showWindow: () => calls.push('show'),
    openWorkspace: (workspace) => calls.push(`open ${workspace}`),
    openLogFolder: () => {
      calls.push('open logs');
      return Promise.resolve({ ok: true });
    },
    saveProblemReport: () => {
      calls.push('save report');
      return '/user/problem-reports/caseway-report.txt';
    },
    showReport: (path) => calls.push(`reveal ${path}`),
    problemReportFailed: () => calls.push('report failed'),
    checkForUpdates: () => calls.push('check updates'),
    about: () => calls.push('about'),
    quit: () => calls.push('quit'),
    log: (level, message) => calls.push(`${level}: ${message}`),
    ...overrides,
  };
  return { actions: shellActions(handlers), calls };
}

function clickable(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [...(item.click ? [item] : []), ...(Array.isArray(item.submenu) ? clickable(item.submenu) : [])]);
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('shell commands', () => {
  it('routes every command the renderer knows, and only those, to the window', () => {
    expect(Object.keys(windowCommands).sort()).toEqual([...shellCommandSchema.shape.command.options].sort());
  });

  it('sends the window’s commands to it, bringing it to the front when they open something', () => {
    const { actions, calls } = setUp();
    actions.menu.newInteraction();
    actions.menu.commandPalette();
    actions.menu.keyboardHelp();
    actions.menu.syncNow();
    expect(calls).toEqual(['show', 'send newInteraction', 'show', 'send commandPalette', 'show', 'send keyboardHelp', 'send syncNow']);
  });

  it('the tray shows the window, syncs in it and quits', () => {
    const { actions, calls } = setUp();
    actions.tray.showWindow();
    actions.tray.syncNow();
    actions.tray.quit();
    expect(calls).toEqual(['show', 'send syncNow', 'quit']);
  });

  it('logs a command that found no window', () => {
    const { actions, calls } = setUp({ sendToWindow: () => false });
    actions.tray.syncNow();
    expect(calls).toEqual(['info: menu command syncNow dropped: no window']);
  });

  it('writes a problem report and shows it in the file manager, or says it could not', () => {
    const { actions, calls } = setUp();
    actions.menu.sendProblemReport();
    actions.tray.sendProblemReport();
    expect(calls).toEqual(['save report', 'reveal /user/problem-reports/caseway-report.txt', 'save report', 'reveal /user/problem-reports/caseway-report.txt']);
    const failing = setUp({ saveProblemReport: () => null });
    failing.actions.menu.sendProblemReport();
    expect(failing.calls).toEqual(['report failed']);
  });

  it('opens the log folder and logs when the OS would not', async () => {
    const { actions, calls } = setUp({ openLogFolder: () => Promise.resolve({ ok: false, error: 'no file manager' }) });
    actions.menu.openLogFolder();
    await flush();
    expect(calls).toEqual(['warn: log folder not opened: no file manager']);
  });

  it('wires every item of the real menu and tray templates', async () => {
    const { actions, calls } = setUp();
    const sync = { connection: 'online', pendingChanges: 0, lastSyncAt: null } as const;
    const workspaces = ['https://council.example.org', 'https://water.example.org'];
    const menu = applicationMenuTemplate({ platform: 'win32', appName: 'Caseway', isPackaged: true, workspace: 'https://council.example.org', workspaces, sync, updateCheck: 'idle', now: new Date() }, actions.menu);
    for (const item of [...clickable(menu), ...clickable(trayMenuTemplate({ appName: 'Caseway', workspaceName: 'council.example.org', sync, now: new Date() }, actions.tray))]) (item.click as () => void)();
    await flush();
    const sent = calls.filter((c) => c.startsWith('send ')).map((c) => c.slice(5) as ShellCommand);
    expect(new Set(sent)).toEqual(new Set(Object.keys(windowCommands)));
    expect(calls).toEqual(expect.arrayContaining(['open logs', 'check updates', 'about', 'quit', 'reveal /user/problem-reports/caseway-report.txt', 'open https://council.example.org', 'open https://water.example.org']));
  });
});

describe('shell message boxes', () => {
  it('about gives the versions and the workspace', () => {
    const box = aboutBox({ appName: 'Caseway', versions: { app: '0.1.0', electron: '41.7.1', chrome: '146.0', node: '24.1.0' }, workspace: 'https://store.example.gov' });
    expect(box).toMatchObject({ type: 'info', title: 'About Caseway', message: 'Caseway 0.1.0' });
    expect(box.detail?.split('\n')).toEqual(['Workspace: https://store.example.gov', 'Electron 41.7.1', 'Chromium 146.0', 'Node.js 24.1.0']);
  });

  it('answers a menu update check and a failed report in plain words', () => {
    expect(updateNoticeBox('Caseway', { kind: 'upToDate' }).message).toBe('Caseway is up to date.');
    expect(updateNoticeBox('Caseway', { kind: 'unavailable', reason: 'notPackaged' }).detail).toMatch(/development build/);
    expect(updateNoticeBox('Caseway', { kind: 'unavailable', reason: 'noFeed' }).detail).toMatch(/https/);
    expect(updateNoticeBox('Caseway', { kind: 'failed', message: 'net::ERR_NAME_NOT_RESOLVED' })).toMatchObject({ type: 'warning', detail: expect.stringContaining('net::ERR_NAME_NOT_RESOLVED') });
    expect(problemReportFailedBox('Caseway')).toMatchObject({ type: 'warning', message: 'The problem report could not be written.' });
  });
});
