/** DESIGN §1: shared/ imports none of ours; renderer/, server/ and electron/ import shared/ only. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const parts = ['shared', 'server', 'renderer', 'electron'] as const;
type Part = (typeof parts)[number];

const allowed: Record<Part, Part[]> = { shared: ['shared'], server: ['shared', 'server'], renderer: ['shared', 'renderer'], electron: ['shared', 'electron'] };
/** Runtime libraries a part must not use (shared/ is pure: no DOM, Node, Electron, React, Dexie or SQL driver). */
const forbiddenPackages: Record<Part, RegExp> = {
  shared: /^(node:|electron|react|react-dom|dexie|pg|kysely|@electric-sql|fastify|zustand|fs$|path$|crypto$)/,
  server: /^(electron|react|react-dom|dexie|zustand)$/,
  renderer: /^(node:|electron$|pg$|kysely|@electric-sql|fastify)/,
  electron: /^(react|react-dom|dexie|pg$|kysely|fastify)/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function partOf(path: string): string {
  return relative(root, path).split(/[\\/]/)[0] ?? '';
}

describe('architecture boundaries', () => {
  for (const part of parts) {
    it(`${part}/ imports only what it may`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(join(root, part))) {
        for (const spec of importsOf(file)) {
          if (spec.startsWith('.')) {
            const target = partOf(resolve(dirname(file), spec));
            if (!(allowed[part] as string[]).includes(target)) violations.push(`${relative(root, file)} → ${spec}`);
          } else if (forbiddenPackages[part].test(spec)) {
            violations.push(`${relative(root, file)} → package ${spec}`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('detects a violation when one exists (the scanner itself works)', () => {
    const fake = join(root, 'renderer', 'x.ts');
    expect(partOf(resolve(dirname(fake), '../server/app'))).toBe('server');
    expect(importsOf(join(root, 'server', 'app.ts'))).toContain('./db/database');
  });
});
