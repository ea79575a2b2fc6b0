/** The session token in the OS keychain, with a stand-in for safeStorage and an in-memory file store. */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../shared/ipc/bridge';
import { createIpcRegistry } from './ipc';
import { createTokenKeeper, createWorkspaceTokenKeepers, keychainAvailability, registerTokenHandlers, tokenFileName, type BinaryFileStore, type SafeStorageLike } from './keychain';

const token = 'cw_0123456789abcdefghijklmnop';

function fakeSafeStorage(isAvailable: boolean, backend = 'gnome_libsecret'): SafeStorageLike {
  // Reversible but not plain text, so the test can see that what reaches the disk is not the token.
  return {
    isEncryptionAvailable: () => isAvailable,
    encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).reverse().toString('base64')}`),
    decryptString: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(7), 'base64').reverse().toString();
    },
    getSelectedStorageBackend: () => backend,
  };
}

function memoryFiles(): BinaryFileStore & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  return { files, read: (path) => files.get(path) ?? null, write: (path, data) => void files.set(path, data), remove: (path) => void files.delete(path) };
}

function setUp(safeStorage: SafeStorageLike, files = memoryFiles(), platform = 'darwin') {
  const logs: string[] = [];
  const keeper = createTokenKeeper({ safeStorage, platform, files, path: '/userData/session-token.bin', log: (level, message) => logs.push(`${level}: ${message}`) });
  return { keeper, files, logs };
}

describe('session token in the OS keychain', () => {
  it('stores the token encrypted in userData and reads it back after a restart', () => {
    const { keeper, files } = setUp(fakeSafeStorage(true));
    expect(keeper.load()).toBeNull();
    expect(keeper.save(token)).toEqual({ isPersisted: true });
    const onDisk = files.files.get('/userData/session-token.bin');
    expect(onDisk?.toString()).not.toContain(token);
    const restarted = setUp(fakeSafeStorage(true), files).keeper;
    expect(restarted.load()).toBe(token);
  });

  it('forgets the token on sign-out', () => {
    const { keeper, files } = setUp(fakeSafeStorage(true));
    keeper.save(token);
    expect(keeper.save(null)).toEqual({ isPersisted: false, reason: 'cleared' });
    expect(files.files.size).toBe(0);
    expect(keeper.load()).toBeNull();
  });

  it('keeps the token in memory only, and says so, where the OS cannot encrypt', () => {
    const { keeper, files, logs } = setUp(fakeSafeStorage(false));
    expect(keeper.save(token)).toEqual({ isPersisted: false, reason: 'encryption_unavailable' });
    expect(files.files.size).toBe(0);
    expect(keeper.load()).toBe(token);
    expect(logs).toEqual([expect.stringMatching(/^warn: .*in memory only/)]);
    expect(setUp(fakeSafeStorage(false), files).keeper.load()).toBeNull();
  });

  it('treats Linux without a secret service (basic_text) as no keychain', () => {
    expect(keychainAvailability(fakeSafeStorage(true, 'basic_text'), 'linux')).toEqual({ isAvailable: false, reason: 'encryption_unavailable' });
    expect(keychainAvailability(fakeSafeStorage(true, 'kwallet5'), 'linux')).toEqual({ isAvailable: true });
    const { keeper, files } = setUp(fakeSafeStorage(true, 'basic_text'), memoryFiles(), 'linux');
    expect(keeper.save(token)).toEqual({ isPersisted: false, reason: 'encryption_unavailable' });
    expect(files.files.size).toBe(0);
  });

  it('removes a token it cannot decrypt (another user, a reset keychain) and asks for sign-in', () => {
    const files = memoryFiles();
    files.files.set('/userData/session-token.bin', Buffer.from('garbage'));
    const { keeper, logs } = setUp(fakeSafeStorage(true), files);
    expect(keeper.load()).toBeNull();
    expect(files.files.size).toBe(0);
    expect(logs[0]).toMatch(/could not be decrypted/);
  });

  it('reports a failed write instead of throwing', () => {
    const files = { ...memoryFiles(), write: () => { throw new Error('EACCES'); } };
    const { keeper, logs } = setUp(fakeSafeStorage(true), files);
    expect(keeper.save(token)).toEqual({ isPersisted: false, reason: 'write_failed' });
    expect(logs[0]).toMatch(/^error: .*EACCES/);
  });
});

describe('a session token per workspace', () => {
  const council = 'https://council.example.org';
  const water = 'https://water.example.org';

  function registryWithKeepers(files: BinaryFileStore) {
    const handlers = new Map<string, (event: { senderFrame: { url: string; parent: unknown } | null; sender: { id: number } }, payload: unknown) => unknown>();
    const registry = createIpcRegistry({ ipcMain: { on: (channel, listener) => new EventEmitter().on(channel, listener), handle: (channel, listener) => handlers.set(channel, listener) }, isTrustedUrl: (url) => url.startsWith(`${council}/`) || url.startsWith(`${water}/`), isOwnWindow: () => true, onRefused: () => undefined });
    registerTokenHandlers(registry, createWorkspaceTokenKeepers({ safeStorage: fakeSafeStorage(true), platform: 'darwin', files, dir: '/userData/session-tokens', log: () => undefined }));
    return (channel: string, url: string, payload?: unknown) => handlers.get(channel)?.({ senderFrame: { url, parent: null }, sender: { id: 1 } }, payload);
  }

  it('gives each store only the token it issued, from its own file', async () => {
    const files = memoryFiles();
    const invoke = registryWithKeepers(files);
    await expect(invoke(ipcChannels.saveToken, `${council}/`, { token })).resolves.toEqual({ ok: true, value: { isPersisted: true } });
    await expect(invoke(ipcChannels.loadToken, `${water}/cases`)).resolves.toEqual({ ok: true, value: null });
    await expect(invoke(ipcChannels.loadToken, `${council}/cases`)).resolves.toEqual({ ok: true, value: token });
    expect([...files.files.keys()]).toEqual([join('/userData/session-tokens', tokenFileName(council))]);
    // After a restart, from the file.
    await expect(registryWithKeepers(files)(ipcChannels.loadToken, `${council}/`)).resolves.toEqual({ ok: true, value: token });
    expect(tokenFileName(council)).toMatch(/^session-token-[0-9a-f]{16}\.bin$/);
    expect(tokenFileName(water)).not.toBe(tokenFileName(council));
  });
});
