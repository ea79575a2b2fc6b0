/**
 * `npm run lint:electron`: Doyensec's Electronegativity over the main process, the preload and
 * the renderer's page (for its CSP), failing on every finding that build/electronegativity-accepted.json
 * does not accept with a reason. An accepted finding is matched by check, file and the exact line
 * it flagged, so any new or changed window, handler or openExternal call is reviewed again.
 * Files that Electronegativity cannot parse fail the lint too (a skipped file is an unchecked file).
 * The full report is written to reports/electronegativity.csv.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Issue = { id: string; file: string; location: { line: number; column: number }; sample?: string; severity: { name?: string }; confidence: { name?: string }; description: string };
type RunResult = { issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] };
type Accepted = { check: string; file: string; sample: string | null; reason: string };

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as (options: object) => Promise<RunResult>;
const electronVersion = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
const accepted = (JSON.parse(readFileSync('build/electronegativity-accepted.json', 'utf8')) as { accepted: Accepted[] }).accepted;

for (const entry of accepted) {
  if (!entry.reason || entry.reason.trim().length < 20) throw new Error(`build/electronegativity-accepted.json: ${entry.check} in ${entry.file} needs a reason`);
}

// What ships: electron/ without its tests, and the renderer's page with its CSP.
const stage = mkdtempSync(join(tmpdir(), 'caseway-electronegativity-'));
for (const file of readdirSync('electron').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) copyFileSync(join('electron', file), join(stage, file));
copyFileSync('renderer/index.html', join(stage, 'index.html'));
mkdirSync('reports', { recursive: true });

const result = await run({ input: stage, output: 'reports/electronegativity.csv', isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [], parserPlugins: [] });
rmSync(stage, { recursive: true, force: true });

const normalise = (sample: string | undefined): string | null => (sample === undefined || sample === 'N/A' ? null : sample.trim());
const isAccepted = (issue: Issue): boolean => accepted.some((a) => a.check === issue.id && a.file === issue.file && a.sample === normalise(issue.sample));
const used = (a: Accepted): boolean => result.issues.some((i) => a.check === i.id && a.file === i.file && a.sample === normalise(i.sample));

const unparsed = result.errors.filter((e) => !e.tolerable);
const open = result.issues.filter((i) => !isAccepted(i));
for (const e of unparsed) console.error(`cannot parse ${e.file}: ${e.message}`);
for (const i of open) {
  console.error(`${i.id} (${i.severity.name ?? '?'}, ${i.confidence.name ?? '?'}) ${i.file}:${i.location.line}:${i.location.column} ${i.description}`);
  console.error(`  to accept it, add with a reason: ${JSON.stringify({ check: i.id, file: i.file, sample: normalise(i.sample), reason: '…' })}`);
}
for (const a of accepted.filter((entry) => !used(entry))) console.warn(`no longer found (remove it from the accepted list): ${a.check} ${a.file} ${a.sample ?? ''}`);
console.log(`electronegativity ${electronVersion ? `(Electron ${electronVersion})` : ''}: ${result.issues.length} findings, ${result.issues.length - open.length} accepted with a reason, ${open.length} open, ${unparsed.length} files not parsed; report in reports/electronegativity.csv`);
process.exitCode = open.length > 0 || unparsed.length > 0 ? 1 : 0;
