/**
 * Zod 4 compiles object parsers with `new Function` when it may, and probes for that on first use.
 * The renderer's CSP forbids eval (script-src 'self', no 'unsafe-eval'), and even the swallowed
 * probe is reported as a violation, so every renderer entry (window and workers) imports this
 * first and zod parses without code generation.
 */
import { z } from 'zod';

z.config({ jitless: true });
