/** The node:fs implementations of the small file stores the main-process modules take. */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BinaryFileStore } from './keychain';
import type { TextFileStore } from './windowState';

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
function writeAtomically(path: string, data: string | Buffer, mode: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
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
  write: (path, text) => writeAtomically(path, text, 0o644),
};

/** Only the OS user may read it (it holds the keychain-sealed session token). */
export const nodeBinaryFileStore: BinaryFileStore = {
  read(path) {
    try {
      return readFileSync(path);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  write: (path, data) => writeAtomically(path, data, 0o600),
  remove: (path) => rmSync(path, { force: true }),
};
