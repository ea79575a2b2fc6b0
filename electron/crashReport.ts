/**
 * A problem report a user can send without personal data: versions, the OS, what happened and the
 * last log lines with emails, phone numbers, tokens, UUIDs (the ids of people and records) and case
 * numbers replaced by placeholders. Redaction is deliberately greedy: a long number that is not a
 * phone number is hidden too. Names typed into free text cannot be recognised and are why log
 * lines never carry record content.
 */

/** Applied in order: the specific shapes first, so a UUID is not half-eaten by the phone rule. */
const rules: readonly { name: string; pattern: RegExp; replace: (match: string) => string }[] = [
  { name: 'bearer', pattern: /\b(Bearer|Basic)\s+[^\s"',;]+/gi, replace: (m) => `${m.split(/\s+/)[0] ?? ''} [token]` },
  { name: 'jwt', pattern: /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, replace: () => '[token]' },
  { name: 'secretField', pattern: /\b(token|password|secret|authorization|cookie|api[_-]?key)(["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic)\s|\[token\])[^\s"',;&}]+/gi, replace: (m) => m.replace(/^(\w+["']?\s*[:=]\s*["']?).*$/i, '$1[token]') },
  { name: 'email', pattern: /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, replace: () => '[email]' },
  { name: 'uuid', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, replace: () => '[id]' },
  { name: 'opaque', pattern: /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}\b/g, replace: () => '[token]' },
  { name: 'caseNumber', pattern: /\b[A-Z]{2,4}\d{7,}\b/g, replace: () => '[case]' },
  {
    name: 'phone',
    pattern: /\+?\(?\d[\d ().-]{5,}\d/g,
    // Dates, times and version numbers look like digit runs too; 8 to 15 digits not shaped like a date is a phone number.
    replace: (m) => {
      const digits = m.replace(/\D/g, '').length;
      if (digits < 8 || digits > 15 || /^\d{4}-\d{2}-\d{2}/.test(m)) return m;
      return '[phone]';
    },
  },
];

export function redact(text: string): string {
  return rules.reduce((out, rule) => out.replace(rule.pattern, rule.replace), text);
}

/** Keeps a JSON log line's time and level as they are (its timestamp is not personal) and redacts the rest. */
export function redactLogLine(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'time' in parsed && 'msg' in parsed) {
      const pick = (value: unknown): string => redact(typeof value === 'string' ? value : '');
      return JSON.stringify({ time: String(parsed.time), level: pick('level' in parsed ? parsed.level : ''), source: pick('source' in parsed ? parsed.source : ''), msg: pick(parsed.msg) });
    }
  } catch {
    // Not one of our JSON lines: redact it whole.
  }
  return redact(line);
}

export type CrashReportInput = {
  reason: string;
  now: Date;
  versions: { app: string; electron: string; chrome: string; node: string };
  os: { platform: string; release: string; arch: string };
  logLines: readonly string[];
};

/** The report as plain text, ready to attach to an email or a support ticket. */
export function buildCrashReport(input: CrashReportInput): string {
  return [
    'Caseway problem report',
    `Created: ${input.now.toISOString()}`,
    `What happened: ${redact(input.reason)}`,
    `App ${input.versions.app} · Electron ${input.versions.electron} · Chrome ${input.versions.chrome} · Node ${input.versions.node}`,
    `OS: ${input.os.platform} ${input.os.release} (${input.os.arch})`,
    '',
    `Last ${input.logLines.length} log lines (emails, phone numbers, tokens, ids and case numbers removed):`,
    ...input.logLines.map(redactLogLine),
    '',
  ].join('\n');
}
