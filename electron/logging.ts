/**
 * The desktop app's log: main's and the renderer's lines, one JSON object a line, in a file in
 * userData that rotates by size (caseway.log → caseway.1.log → … , `maxFiles` kept in all). A small
 * synchronous writer on node:fs: a line is on disk before the call returns, so the lines before a
 * crash are there for the crash report. Never throws: a log that cannot be written is not a reason to stop.
 * The folder is the OS user's only (0700) and so is each file (0600): log lines name workspaces and
 * what failed, which other accounts on a shared machine have no business reading.
 */
import { appendFileSync, chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSource = 'main' | 'renderer';
export type LogLine = { time: string; level: LogLevel; source: LogSource; msg: string };

export type RotatingLog = {
  readonly dir: string;
  write(level: LogLevel, source: LogSource, message: string): void;
  /** The last `count` lines, oldest first, across rotated files. */
  tail(count: number): string[];
};

type Options = { dir: string; baseName: string; maxBytes: number; maxFiles: number; now: () => Date };

const folderMode = 0o700;
const fileMode = 0o600;

export function logFilePath(options: Pick<Options, 'dir' | 'baseName'>, index: number): string {
  return join(options.dir, index === 0 ? `${options.baseName}.log` : `${options.baseName}.${index}.log`);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Creates the folder for the OS user only, and narrows a folder and files an older version left readable by others. */
function prepareFolder(options: Options): void {
  mkdirSync(options.dir, { recursive: true, mode: folderMode });
  narrow(options.dir, folderMode);
  for (let index = 0; index < options.maxFiles; index += 1) narrow(logFilePath(options, index), fileMode);
}

/** On Windows chmod only toggles read-only; userData's ACLs keep the folder the user's there. */
function narrow(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Not there (yet), or not ours to change: new files are created with the right mode anyway.
  }
}

function rotate(options: Options): void {
  rmSync(logFilePath(options, options.maxFiles - 1), { force: true });
  for (let index = options.maxFiles - 2; index >= 0; index -= 1) {
    try {
      renameSync(logFilePath(options, index), logFilePath(options, index + 1));
    } catch {
      // That generation does not exist yet.
    }
  }
}

export function createRotatingLog(options: Options): RotatingLog {
  let size = -1;
  return {
    dir: options.dir,
    write(level, source, message) {
      const line = `${JSON.stringify({ time: options.now().toISOString(), level, source, msg: message } satisfies LogLine)}\n`;
      const bytes = Buffer.byteLength(line);
      try {
        if (size < 0) {
          prepareFolder(options);
          size = sizeOf(logFilePath(options, 0));
        }
        if (size > 0 && size + bytes > options.maxBytes) {
          rotate(options);
          size = 0;
        }
        appendFileSync(logFilePath(options, 0), line, { mode: fileMode });
        size += bytes;
      } catch {
        size = -1;
      }
    },
    tail(count) {
      let lines: string[] = [];
      for (let index = 0; index < options.maxFiles && lines.length < count; index += 1) {
        try {
          const text = readFileSync(logFilePath(options, index), 'utf8');
          lines = text.split('\n').filter((l) => l !== '').concat(lines);
        } catch {
          break;
        }
      }
      return lines.slice(-count);
    },
  };
}

/** Opens the log folder in the OS file manager (the menu's "Open log folder"); `openPath` is Electron's shell.openPath. */
export async function openLogFolder(openPath: (path: string) => Promise<string>, log: RotatingLog): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    mkdirSync(log.dir, { recursive: true, mode: folderMode });
    const error = await openPath(log.dir);
    return error === '' ? { ok: true } : { ok: false, error };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
