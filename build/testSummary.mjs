// Prints one closing line for the whole test run, "N passed, N failed", from the reports that
// Vitest and Playwright wrote, so CI can read the outcome of both runners at once.
import { readFileSync } from 'node:fs';

const vitest = JSON.parse(readFileSync('reports/vitest.json', 'utf8'));
const playwright = JSON.parse(readFileSync('reports/playwright.json', 'utf8'));
const passed = vitest.numPassedTests + (playwright.stats.expected ?? 0);
const failed = vitest.numFailedTests + (playwright.stats.unexpected ?? 0) + (playwright.stats.flaky ?? 0);
const skipped = vitest.numPendingTests + vitest.numTodoTests + (playwright.stats.skipped ?? 0);
console.log(`unit and integration: ${vitest.numPassedTests} passed; browser: ${playwright.stats.expected ?? 0} passed`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
