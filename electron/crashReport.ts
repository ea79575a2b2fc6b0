/**
 * A problem report a user can send without personal data: versions, the OS, what happened and the
 * last log lines with emails, phone numbers, tokens, UUIDs (the ids of people and records) and case
 * numbers replaced by placeholders. Redaction is deliberately greedy: any run of 8 digits or more
 * is hidden, phone number or not (IP addresses and long dotted versions too); only ISO timestamps
 * are kept whole, so a log stays readable. Text is percent-decoded before it is redacted. Names
 * typed into free text cannot be recognised and are why log lines never carry record content.
 * `redact` is also what main applies to the renderer's console lines before it logs them.
 */

type Rule = { name: string; pattern: RegExp; replace: (match: string) => string };

/**
 * Percent-encoded text is decoded first ('jane%40example.org', '+61%20412…', 'Bearer%20…'), up to
 * three times for text encoded twice. A run of escapes that is not UTF-8 keeps its non-ASCII bytes
 * encoded; control characters it decodes to become spaces, so a line stays one line.
 */
function percentDecoded(text: string): string {
  let out = text;
  for (let pass = 0; pass < 3 && /%[0-9a-f]{2}/i.test(out); pass += 1) out = out.replace(/(?:%[0-9a-f]{2})+/gi, decodeEscapes);
  return out;
}

function decodeEscapes(escapes: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(escapes);
  } catch {
    decoded = escapes.replace(/%([0-7][0-9a-f])/gi, (_escape, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return decoded.replace(/\p{Cc}/gu, ' ');
}

/** Credentials come first, before the shapes below can eat half of one. */
const credentialRules: readonly Rule[] = [
  { name: 'bearer', pattern: /(?<![\p{L}\p{N}])(?:Bearer|Basic)[\s+]+[^\s"',;]+/giu, replace: (m) => `${m.split(/[\s+]/)[0] ?? ''} [token]` },
  { name: 'jwt', pattern: /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, replace: () => '[token]' },
];

/** A key's words: `access_token`, `sessionToken`, `X-Api-Key`, `APIKey` → access token, session token, x api key, api key. */
function wordsOf(key: string): string[] {
  return key
    .split(/[_.-]+|(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u)
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
}

/** Words that make a key secret wherever they stand (`key`: api_key, keyId, ?key=). */
const secretWords = new Set(['token', 'password', 'passwd', 'pwd', 'passphrase', 'passcode', 'secret', 'authorization', 'auth', 'cookie', 'session', 'sid', 'sig', 'signature', 'key', 'apikey', 'credential', 'credentials', 'jwt', 'otp', 'pin']);
/** Also inside one word (accesstoken, sessionid, setcookie). */
const secretStems = ['token', 'password', 'passwd', 'secret', 'cookie', 'session', 'apikey', 'credential', 'signature', 'authorization'];
/** `code` is secret alone (OAuth's ?code=) or after one of these (auth_code, otpCode), not as errorCode or exit_code. */
const codeQualifiers = new Set(['auth', 'authorization', 'oauth', 'otp', 'verification', 'verify', 'access', 'reset', 'security', 'confirmation', 'login', 'mfa', 'sms', 'recovery', 'backup', 'activation', 'pairing', 'device', 'user']);

function isSecretKey(key: string): boolean {
  const words = wordsOf(key);
  if (words.some((word) => secretWords.has(word) || secretStems.some((stem) => word.includes(stem)))) return true;
  if (words.at(-1) !== 'code') return false;
  return words.length === 1 || words.slice(0, -1).some((word) => codeQualifiers.has(word));
}

/** A key, then `=` or `:` (in a query, a header, JSON or a log message), the value after it. */
const keyPattern = /(?<![\p{L}\p{N}_.-])([\p{L}\p{N}_.-]+)(["']?[^\S\r\n]*[:=][^\S\r\n]*(["']?))/gu;

/** A value ends at a quote when it opened with one, at the line's end for a cookie, else at the next separator. */
function valueAfter(text: string, at: number, quote: string, key: string): string {
  const rest = text.slice(at);
  if (/^(?:(?:Bearer|Basic)\s|\[token\])/i.test(rest)) return '';
  const value = quote !== '' ? new RegExp(`^[^${quote}\\r\\n]*`).exec(rest) : wordsOf(key).some((word) => word.includes('cookie')) ? /^[^\r\n"']*/.exec(rest) : /^[^\s"',;&}]*/.exec(rest);
  return value?.[0].trimEnd() ?? '';
}

/** `access_token=…`, `"sessionToken":"…"`, `X-Api-Key: …`, `?code=…` → the key kept, the value `[token]`. */
function redactSecretFields(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(keyPattern)) {
    const [whole, key = '', , quote = ''] = match;
    // A key inside a value already redacted, or not a secret's: its value is left to the other rules.
    if (match.index < from || !isSecretKey(key)) continue;
    const at = match.index + whole.length;
    const value = valueAfter(text, at, quote, key);
    if (value === '') continue;
    out += `${text.slice(from, at)}[token]`;
    from = at + value.length;
  }
  return out + text.slice(from);
}

/** Shapes of personal data and ids, after the credentials; the specific ones first, so a UUID is not half-eaten by the digit rule. */
const shapeRules: readonly Rule[] = [
  { name: 'email', pattern: /(?<![\p{L}\p{M}\p{N}._%+-])[\p{L}\p{M}\p{N}._%+-]+[@\uff20][\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+/gu, replace: () => '[email]' },
  { name: 'uuid', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, replace: () => '[id]' },
  { name: 'opaque', pattern: /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])/g, replace: () => '[token]' },
  { name: 'caseNumber', pattern: /\b[A-Z]{2,4}\d{7,}\b/gi, replace: () => '[case]' },
];

/**
 * An ISO date or date and time (`2025-03-04`, `2025-03-04T05:06:07.000Z`, `2025-03-04 05:06`): kept
 * readable, and never part of a digit run, so a number right after a date is judged on its own.
 */
const isoTimestamp = /(?<![\p{L}\p{N}])(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?)(?![\p{L}\p{N}])/u;

/**
 * Digits (any script's) with what people and phone systems put between them: spaces of any kind
 * but line breaks, dots, dashes, brackets, `+`, and invisible format characters (zero-width, bidi).
 */
const digitRun = /[+(]?\p{Nd}(?:(?:[^\S\r\n]|[().+\-\u2010-\u2015\u2212]|\p{Cf})*\p{Nd})*/gu;

/** 8 digits or more in one run is a phone number, or several side by side, or another long number: all hidden, whatever the length. */
function redactDigitRuns(text: string): string {
  return text.replace(digitRun, (run) => (run.replace(/\P{Nd}/gu, '').length >= 8 ? '[phone]' : run));
}

/**
 * `text` without emails, phone numbers and other long numbers, tokens and secrets, UUIDs or case
 * numbers. Any text: a message, a reason, a renderer's console line before it is logged. Applying
 * it again changes nothing.
 */
export function redact(text: string): string {
  const decoded = percentDecoded(text);
  const withoutCredentials = redactSecretFields(credentialRules.reduce((out, rule) => out.replace(rule.pattern, rule.replace), decoded));
  const withoutShapes = shapeRules.reduce((out, rule) => out.replace(rule.pattern, rule.replace), withoutCredentials);
  // split keeps the captured timestamps at the odd indexes: digit runs are redacted between them only.
  return withoutShapes
    .split(isoTimestamp)
    .map((part, index) => (index % 2 === 1 ? part : redactDigitRuns(part)))
    .join('');
}

function isTimestamp(text: string): boolean {
  const match = isoTimestamp.exec(text);
  return match !== null && match[0] === text;
}

/** Keeps a JSON log line's time as it is (a timestamp is not personal) and redacts the rest. */
export function redactLogLine(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'time' in parsed && 'msg' in parsed) {
      const pick = (value: unknown): string => redact(typeof value === 'string' ? value : '');
      const time = String(parsed.time);
      return JSON.stringify({ time: isTimestamp(time) ? time : redact(time), level: pick('level' in parsed ? parsed.level : ''), source: pick('source' in parsed ? parsed.source : ''), msg: pick(parsed.msg) });
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
