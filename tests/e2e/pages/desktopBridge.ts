/**
 * A stand-in for the desktop shell's preload bridge (`window.caseway`, shared/ipc/bridge.ts),
 * installed before the page's own scripts: Electron cannot run here, and the preload is the
 * boundary the renderer sees. It records what the renderer sends (notifications, sync status
 * reports, log lines), keeps the session token in memory (a reload signs out, as a keychain that
 * could not persist it would), holds deep links until someone listens (as the preload's inbox
 * does), and lets the test deliver deep links and menu commands.
 */
import type { BrowserContext, Page } from '@playwright/test';

export type Notified = { title: string; body: string };
export type SyncReport = { connection: 'online' | 'offline' | 'syncing'; pendingChanges: number; lastSyncAt: string | null };
export type DeepLink = { kind: 'openCase'; number: string } | { kind: 'startInteraction'; channel: string; from: string | null };
export type ShellCommand = 'newInteraction' | 'commandPalette' | 'keyboardHelp' | 'syncNow';

type Recorded = { notified: Notified[]; reported: SyncReport[]; logged: { level: string; message: string }[]; token: string | null; tokenSaves: number };
type FakeWindow = Window & { casewayFake: Recorded & { emitDeepLink(action: DeepLink): void; emitCommand(command: ShellCommand): void } };

/** Installs the fake bridge in every page of the context, before the app loads. */
export async function installFakeBridge(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const linkListeners = new Set<(action: DeepLink) => void>();
    const pendingLinks: DeepLink[] = [];
    const commandListeners = new Set<(command: ShellCommand) => void>();
    const fake = {
      notified: [] as Notified[],
      reported: [] as SyncReport[],
      logged: [] as { level: string; message: string }[],
      token: null as string | null,
      tokenSaves: 0,
      emitDeepLink(action: DeepLink) {
        if (linkListeners.size === 0) pendingLinks.push(action);
        else for (const listener of linkListeners) listener({ ...action });
      },
      emitCommand(command: ShellCommand) {
        for (const listener of commandListeners) listener(command);
      },
    };
    const bridge = {
      kind: 'desktop',
      versions: { app: '0.0.0-e2e', electron: 'fake', chrome: 'fake' },
      notify: (input: Notified) => void fake.notified.push({ title: input.title, body: input.body }),
      loadToken: () => Promise.resolve({ ok: true, value: fake.token }),
      saveToken: (token: string | null) => {
        fake.token = token;
        fake.tokenSaves += 1;
        return Promise.resolve({ ok: true, value: token === null ? { isPersisted: false, reason: 'cleared' } : { isPersisted: true } });
      },
      onDeepLink: (listener: (action: DeepLink) => void) => {
        linkListeners.add(listener);
        for (const action of pendingLinks.splice(0)) listener(action);
        return () => void linkListeners.delete(listener);
      },
      log: (entry: { level: string; message: string }) => void fake.logged.push({ level: entry.level, message: entry.message }),
      reportSyncStatus: (status: SyncReport) => void fake.reported.push({ connection: status.connection, pendingChanges: status.pendingChanges, lastSyncAt: status.lastSyncAt }),
      onCommand: (listener: (command: ShellCommand) => void) => {
        commandListeners.add(listener);
        return () => void commandListeners.delete(listener);
      },
    };
    // Frozen and not writable, as contextBridge exposes it.
    Object.defineProperty(window, 'caseway', { value: Object.freeze(bridge), writable: false, configurable: false });
    Object.defineProperty(window, 'casewayFake', { value: fake, writable: false, configurable: false });
  });
}

/** What the bridge recorded so far in this page (since its last load). */
export async function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => {
    const { notified, reported, logged, token, tokenSaves } = (window as unknown as FakeWindow).casewayFake;
    return { notified: [...notified], reported: [...reported], logged: [...logged], token, tokenSaves };
  });
}

/** Delivers a deep link as main does after parsing a `caseway://` URL. */
export async function emitDeepLink(page: Page, action: DeepLink): Promise<void> {
  await page.evaluate((a) => (window as unknown as FakeWindow).casewayFake.emitDeepLink(a), action);
}

/** Delivers a menu or tray command. */
export async function emitCommand(page: Page, command: ShellCommand): Promise<void> {
  await page.evaluate((c) => (window as unknown as FakeWindow).casewayFake.emitCommand(c), command);
}

/** The latest sync status report, or null before the first. */
export async function lastReport(page: Page): Promise<SyncReport | null> {
  return (await recorded(page)).reported.at(-1) ?? null;
}

/** The notifications shown with this title. */
export async function notifiedWith(page: Page, title: string): Promise<Notified[]> {
  return (await recorded(page)).notified.filter((n) => n.title === title);
}
