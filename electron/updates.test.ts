/** The update controller in Node: an EventEmitter with electron-updater's methods stands in for autoUpdater. */
import { EventEmitter } from 'node:events';
import type { Logger, UpdateCheckResult } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateCheckState } from './menu';
import { acceptedFeedUrl, bakedFeedUrl, createUpdateController, type UpdateNotice, type UpdaterLike, type UpdateOptions } from './updates';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  allowDowngrade = true;
  logger: Logger | null = console;
  setFeedURL = vi.fn();
  quitAndInstall = vi.fn();
  /** What the next checkForUpdates() does; by default electron-updater's path to "no update". */
  checkForUpdates = vi.fn((): Promise<UpdateCheckResult | null> => {
    this.emit('checking-for-update');
    this.emit('update-not-available', { version: '1.0.0' });
    return Promise.resolve(null);
  });
}

const hours = 60 * 60 * 1000;

function setUp(overrides: Partial<Pick<UpdateOptions, 'isPackaged' | 'feedUrl'>> = {}) {
  const updater = new FakeUpdater();
  const states: UpdateCheckState[] = [];
  const notices: UpdateNotice[] = [];
  const lines: string[] = [];
  const controller = createUpdateController({
    updater: updater satisfies UpdaterLike,
    isPackaged: true,
    feedUrl: 'https://store.example.gov/updates/',
    beforeInstall: () => lines.push('before install'),
    intervalMs: 4 * hours,
    log: (level, message) => lines.push(`${level}: ${message}`),
    onChange: (state) => states.push(state),
    onUserNotice: (notice) => notices.push(notice),
    ...overrides,
  });
  return { updater, controller, states, notices, lines };
}

/** Lets the updater's promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('update feed', () => {
  it('is the url baked into app-update.yml, and only over https (not even http on this machine)', () => {
    const yml = 'provider: generic\nurl: https://store.example.gov/updates/\nupdaterCacheDirName: caseway-updater\n';
    expect(bakedFeedUrl(yml)).toBe('https://store.example.gov/updates/');
    expect(bakedFeedUrl("provider: generic\nurl: 'https://store.example.gov/updates/'\n")).toBe('https://store.example.gov/updates/');
    expect(bakedFeedUrl('provider: generic\n')).toBeNull();
    expect(bakedFeedUrl(null)).toBeNull();
    expect(acceptedFeedUrl('https://store.example.gov/updates/')).toBe('https://store.example.gov/updates/');
    expect(acceptedFeedUrl('http://localhost:4310/updates/')).toBeNull();
    expect(acceptedFeedUrl('http://store.example.gov/updates/')).toBeNull();
    expect(acceptedFeedUrl('ftp://store.example.gov/updates/')).toBeNull();
    expect(acceptedFeedUrl('not a url')).toBeNull();
    expect(acceptedFeedUrl(null)).toBeNull();
  });
});

describe('update controller', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it('sets up the updater: keeps the baked feed (nothing at run time moves it), downloads by itself, never downgrades, logs through main', () => {
    const { updater, lines } = setUp();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.autoDownload).toBe(true);
    expect(updater.allowDowngrade).toBe(false);
    updater.logger?.info('Checking for update');
    expect(lines).toEqual(['info: updater: Checking for update']);
  });

  it('follows the updater: checking → downloading → ready to install', async () => {
    const { updater, controller, states, lines } = setUp();
    updater.checkForUpdates.mockImplementationOnce(() => {
      updater.emit('checking-for-update');
      updater.emit('update-available', { version: '1.2.0' });
      return Promise.resolve({ isUpdateAvailable: true, downloadPromise: new Promise<string[]>(() => undefined) } as unknown as UpdateCheckResult);
    });
    controller.check('start');
    await settle();
    expect(controller.state).toBe('downloading');
    updater.emit('download-progress', { percent: 40 });
    updater.emit('update-downloaded', { version: '1.2.0' });
    expect(states).toEqual(['checking', 'downloading', 'readyToInstall']);
    expect(lines).toContain('info: update 1.2.0 found; downloading');
    expect(lines).toContain('info: update 1.2.0 downloaded; installs on restart');
  });

  it('goes back to idle when there is no update, and tells the user only when they asked', async () => {
    const { controller, states, notices } = setUp();
    controller.check('schedule');
    await settle();
    expect(states).toEqual(['checking', 'idle']);
    expect(notices).toEqual([]);
    controller.menuClick();
    await settle();
    expect(notices).toEqual([{ kind: 'upToDate' }]);
    expect(controller.state).toBe('idle');
  });

  it('logs a failed check, goes back to idle and never throws, once for the event and the rejection', async () => {
    const { updater, controller, states, notices, lines } = setUp();
    updater.checkForUpdates.mockImplementationOnce(() => {
      updater.emit('checking-for-update');
      const error = new Error('net::ERR_NAME_NOT_RESOLVED');
      updater.emit('error', error, `Cannot check for updates: ${error.stack ?? ''}`);
      return Promise.reject(error);
    });
    expect(() => controller.menuClick()).not.toThrow();
    await settle();
    expect(states).toEqual(['checking', 'idle']);
    expect(lines.filter((l) => l.startsWith('error:'))).toEqual(['error: update failed: net::ERR_NAME_NOT_RESOLVED']);
    expect(notices).toEqual([{ kind: 'failed', message: 'net::ERR_NAME_NOT_RESOLVED' }]);
  });

  it('survives a rejection without an error event, and a failed download', async () => {
    const { updater, controller, lines } = setUp();
    updater.checkForUpdates.mockImplementationOnce(() => Promise.reject(new Error('feed unreadable')));
    controller.check('schedule');
    await settle();
    expect(controller.state).toBe('idle');
    expect(lines).toContain('error: update failed: feed unreadable');

    const rejected = vi.fn();
    process.on('unhandledRejection', rejected);
    updater.checkForUpdates.mockImplementationOnce(() => {
      updater.emit('checking-for-update');
      updater.emit('update-available', { version: '1.2.0' });
      return Promise.resolve({ isUpdateAvailable: true, downloadPromise: Promise.reject(new Error('checksum mismatch')) } as unknown as UpdateCheckResult);
    });
    controller.check('schedule');
    await settle();
    updater.emit('error', new Error('checksum mismatch'));
    await settle();
    process.off('unhandledRejection', rejected);
    expect(rejected).not.toHaveBeenCalled();
    expect(controller.state).toBe('idle');
    expect(lines).toContain('error: update failed: checksum mismatch');
  });

  it('survives an updater that throws instead of rejecting', () => {
    const { updater, controller, notices } = setUp();
    updater.checkForUpdates.mockImplementationOnce(() => {
      throw new Error('no app-update.yml');
    });
    expect(() => controller.menuClick()).not.toThrow();
    expect(controller.state).toBe('idle');
    expect(notices).toEqual([{ kind: 'failed', message: 'no app-update.yml' }]);
  });

  it('goes back to idle when the updater declines to check (no event at all)', async () => {
    const { updater, controller, states } = setUp();
    updater.checkForUpdates.mockImplementationOnce(() => Promise.resolve(null));
    controller.check('schedule');
    await settle();
    expect(states).toEqual(['checking', 'idle']);
  });

  it('runs one check at a time, and none while an update waits for the restart', async () => {
    const { updater, controller } = setUp();
    updater.checkForUpdates.mockImplementationOnce(() => new Promise(() => undefined));
    controller.check('schedule');
    controller.check('schedule');
    controller.menuClick();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    updater.emit('update-downloaded', { version: '1.2.0' });
    controller.check('schedule');
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('checks at start and every interval, until stopped', async () => {
    const { updater, controller } = setUp();
    controller.start();
    await settle();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4 * hours);
    await settle();
    vi.advanceTimersByTime(4 * hours);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
    controller.stop();
    vi.advanceTimersByTime(12 * hours);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('restarts into a downloaded update from the menu, main told first (it remembers its windows)', () => {
    const { updater, controller, lines } = setUp();
    updater.quitAndInstall.mockImplementation(() => lines.push('quit and install'));
    updater.emit('update-downloaded', { version: '1.2.0' });
    controller.menuClick();
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(lines.filter((l) => !l.startsWith('info'))).toEqual(['before install', 'quit and install']);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('tells the user when the restart into the update fails', () => {
    const { updater, controller, notices } = setUp();
    updater.emit('update-downloaded', { version: '1.2.0' });
    updater.quitAndInstall.mockImplementationOnce(() => {
      throw new Error('installer missing');
    });
    expect(() => controller.menuClick()).not.toThrow();
    expect(controller.state).toBe('idle');
    expect(notices).toEqual([{ kind: 'failed', message: 'installer missing' }]);
  });

  it('never checks in a development run, and says so when asked from the menu', () => {
    const { updater, controller, notices, lines } = setUp({ isPackaged: false });
    controller.start();
    controller.menuClick();
    vi.advanceTimersByTime(24 * hours);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(notices).toEqual([{ kind: 'unavailable', reason: 'notPackaged' }]);
    expect(lines).toContain('info: updates are off: the app is not packaged');
  });

  it('never checks a package without an https feed', () => {
    const { updater, controller, notices } = setUp({ feedUrl: 'http://localhost:4310/updates/' });
    controller.start();
    controller.menuClick();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(notices).toEqual([{ kind: 'unavailable', reason: 'noFeed' }]);
  });
});
