/** Bundles the main process and the preload for production (CommonJS: sandboxed preloads need it). */
import { build } from 'esbuild';

await build({ entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron'], sourcemap: true });
await build({ entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron'], sourcemap: true });
console.log('bundled dist/electron/main.cjs and dist/electron/preload.cjs');
