/**
 * The session token, kept encrypted by the OS keychain through Electron's `safeStorage` in a file
 * in userData (never localStorage). Where the OS cannot encrypt — no keychain, or Linux without a
 * secret service, where safeStorage falls back to a hard-coded key ("basic_text") — the token is kept
 * in memory only, for this run, and the refusal is logged and returned to the renderer. Each
 * workspace (central store) has its own token in its own file: a store's page is only ever given
 * the token it issued.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ipcChannels, type TokenSaveOutcome } from '../shared/ipc/bridge';
import type { IpcRegistry } from './ipc';

/** The part of Electron's safeStorage used here. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
};

/** A file of bytes; `read` answers null when the file does not exist. */
export type BinaryFileStore = { read(path: string): Buffer | null; write(path: string, data: Buffer): void; remove(path: string): void };

export type KeychainAvailability = { isAvailable: true } | { isAvailable: false; reason: 'encryption_unavailable' };

export function keychainAvailability(safeStorage: SafeStorageLike, platform: string): KeychainAvailability {
  if (!safeStorage.isEncryptionAvailable()) return { isAvailable: false, reason: 'encryption_unavailable' };
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return { isAvailable: false, reason: 'encryption_unavailable' };
  return { isAvailable: true };
}

export type TokenKeeper = { load(): string | null; save(token: string | null): TokenSaveOutcome };

type Options = { safeStorage: SafeStorageLike; platform: string; files: BinaryFileStore; path: string; log: (level: 'info' | 'warn' | 'error', message: string) => void };

export function createTokenKeeper({ safeStorage, platform, files, path, log }: Options): TokenKeeper {
  let inMemory: string | null = null;
  let hasWarned = false;
  const isAvailable = (): boolean => {
    const availability = keychainAvailability(safeStorage, platform);
    if (!availability.isAvailable && !hasWarned) {
      hasWarned = true;
      log('warn', 'the OS keychain cannot encrypt here: the session token is kept in memory only and you sign in again after a restart');
    }
    return availability.isAvailable;
  };
  return {
    load() {
      if (inMemory !== null) return inMemory;
      if (!isAvailable()) return null;
      try {
        const sealed = files.read(path);
        if (sealed === null) return null;
        inMemory = safeStorage.decryptString(sealed);
        return inMemory;
      } catch (error) {
        // A token sealed by another OS user or a reset keychain cannot be read: forget it, sign in again.
        log('warn', `the stored session token could not be decrypted and was removed (${error instanceof Error ? error.message : String(error)})`);
        files.remove(path);
        return null;
      }
    },
    save(token) {
      inMemory = token;
      try {
        if (token === null) {
          files.remove(path);
          return { isPersisted: false, reason: 'cleared' };
        }
        if (!isAvailable()) return { isPersisted: false, reason: 'encryption_unavailable' };
        files.write(path, safeStorage.encryptString(token));
        return { isPersisted: true };
      } catch (error) {
        log('error', `the session token could not be stored (${error instanceof Error ? error.message : String(error)})`);
        return { isPersisted: false, reason: 'write_failed' };
      }
    },
  };
}

/** The file of `workspace`'s token: named by a hash of its origin, which needs no escaping in a file name. */
export function tokenFileName(workspace: string): string {
  return `session-token-${createHash('sha256').update(workspace).digest('hex').slice(0, 16)}.bin`;
}

/** One keeper per workspace, each with its own file in `dir`, made when the workspace first asks. */
export function createWorkspaceTokenKeepers(options: Omit<Options, 'path'> & { dir: string }): (workspace: string) => TokenKeeper {
  const keepers = new Map<string, TokenKeeper>();
  return (workspace) => {
    const known = keepers.get(workspace);
    if (known) return known;
    const keeper = createTokenKeeper({ ...options, path: join(options.dir, tokenFileName(workspace)) });
    keepers.set(workspace, keeper);
    return keeper;
  };
}

/** `loadToken()` / `saveToken(token|null)` of the bridge, validated by the registry; each goes to the sending workspace's keeper. */
export function registerTokenHandlers(registry: IpcRegistry, keeperFor: (workspace: string) => TokenKeeper): void {
  registry.handle(ipcChannels.loadToken, (_payload, sender) => keeperFor(sender.origin).load());
  registry.handle(ipcChannels.saveToken, ({ token }, sender) => keeperFor(sender.origin).save(token));
}
