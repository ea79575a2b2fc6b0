/**
 * The desktop app's update feed: electron-builder's "generic" provider fetches `latest.yml`
 * (Windows), `latest-mac.yml` (macOS), the installers and their blockmaps from
 * `<store>/updates/<file>`. The files are published into the folder named by CASEWAY_UPDATES_DIR;
 * the feed is public (an update check happens before sign-in) and serves only plain file names
 * of the kinds electron-builder publishes: no folders, no dot files, no way out of the folder.
 */
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../http/errors';

/** The kinds of file electron-builder publishes for Windows (NSIS) and macOS (DMG, ZIP for Squirrel.Mac). */
const publishedExtensions = ['.yml', '.exe', '.dmg', '.zip', '.blockmap'] as const;

/** A plain file name: starts with a letter or digit, then letters, digits, `.`, `_`, `-`; never `..`. */
export function isSafeUpdateFileName(name: string): boolean {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name) || name.includes('..')) return false;
  return publishedExtensions.some((ext) => name.endsWith(ext));
}

/** CASEWAY_UPDATES_DIR as an absolute folder, or null when updates are not published from this store. */
export function updatesDirFrom(env: NodeJS.ProcessEnv): string | null {
  const dir = env.CASEWAY_UPDATES_DIR?.trim();
  return dir ? resolve(dir) : null;
}

export async function updateRoutes(app: FastifyInstance, updatesDir: string | null): Promise<void> {
  // Encapsulated: this scope's sendFile is rooted at the updates folder and serves no routes itself.
  await app.register(async (scope) => {
    if (updatesDir) await scope.register(fastifyStatic, { root: updatesDir, serve: false, dotfiles: 'deny', index: false });
    scope.get<{ Params: { file: string } }>('/updates/:file', { config: { access: 'public' } }, (request, reply) => {
      const { file } = request.params;
      if (!updatesDir || !isSafeUpdateFileName(file)) throw notFound(`no update file ${JSON.stringify(file)}`);
      // The feed must be re-read on every check; installers are immutable per version.
      if (!file.endsWith('.yml')) return reply.sendFile(file);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(file, { cacheControl: false });
    });
  });
}
