/** The node:fs implementations of the small file stores the main-process modules take. */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BinaryFileStore } from './keychain';
import type { TextFileStore } from './windowState';

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/**
 * Written to a temporary file and renamed, so a crash mid-write never leaves half a file. A folder
 * it has to create gets `folderMode` (less the umask; 0o777 is node's default). A temporary file a
 * crash left behind is removed first: `mode` only applies to a file being created.
 */
function writeAtomically(path: string, data: string | Buffer, mode: number, folderMode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: folderMode });
  const temporary = `${path}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, data, { mode });
  renameSync(temporary, path);
}

export const nodeTextFileStore: TextFileStore = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  write: (path, text) => writeAtomically(path, text, 0o644, 0o777),
};

/** Only the OS user may read it (it holds the keychain-sealed session token), nor list the folder it creates for it (userData/session-tokens). */
export const nodeBinaryFileStore: BinaryFileStore = {
  read(path) {
    try {
      return readFileSync(path);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  write: (path, data) => writeAtomically(path, data, 0o600, 0o700),
  remove: (path) => rmSync(path, { force: true }),
};
