/**
 * Deep links (`caseway://…`) as typed actions. The URL is parsed in main (electron/deepLinks.ts);
 * the action it yields is checked here, sent to the renderer on `caseway:deepLink.open` and checked
 * again there, so a link never carries more than these two shapes.
 */
import { z } from 'zod';
import { caseNumberSchema } from '../domain/case';
import { channelSchema, emailSchema } from '../domain/vocab';

/** An international or national phone number reduced to digits with an optional leading `+`. */
export const normalisedPhoneSchema = z.string().regex(/^\+?[0-9]{5,15}$/, { message: 'must be a phone number' });

/** Strips the separators people and phone systems put in numbers ("+61 (2) 9876-5432" → "+61298765432"); null if it is not one. */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^\+?[0-9 ().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[^0-9]/g, '');
  const phone = (trimmed.startsWith('+') ? '+' : '') + digits;
  return normalisedPhoneSchema.safeParse(phone).success ? phone : null;
}

/**
 * Free text from a link is shown and stored as typed: no controls (C0, DEL, C1 such as U+0085),
 * no format characters (bidi overrides and isolates, zero-width characters, the BOM, soft hyphens),
 * no unpaired surrogates and no line or paragraph separators, any of which can disguise what a
 * user reads or split a log line.
 */
export function isPlainText(text: string): boolean {
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(text);
}

const openCaseSchema = z.strictObject({ kind: z.literal('openCase'), number: caseNumberSchema });
const startInteractionSchema = z
  .strictObject({
    kind: z.literal('startInteraction'),
    channel: channelSchema,
    /** The caller's number (phone), address (email) or handle (other channels); null when unknown. */
    from: z.string().min(1).max(254).nullable(),
  })
  .superRefine((action, ctx) => {
    if (action.from === null) return;
    if (action.channel === 'phone' && !normalisedPhoneSchema.safeParse(action.from).success) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be a phone number' });
    if (action.channel === 'email' && !emailSchema.safeParse(action.from).success) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be an email address' });
    if (!isPlainText(action.from)) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be plain text' });
  });

export const deepLinkActionSchema = z.discriminatedUnion('kind', [openCaseSchema, startInteractionSchema]);
export type DeepLinkAction = z.infer<typeof deepLinkActionSchema>;

/** The parts of a link a refusal can name. */
export const deepLinkErrorPaths = ['link', 'action', 'query', 'number', 'channel', 'from'] as const;
export type DeepLinkErrorPath = (typeof deepLinkErrorPaths)[number];

/** Every reason a link can be refused for: fixed texts, so a refusal (which main logs) never repeats the link's own text. */
export const deepLinkRefusalReasons = [
  'not a URL',
  'not a caseway:// link',
  'too long',
  'unreadable link',
  'invalid link',
  'unknown action',
  'unknown parameter',
  'malformed or repeated parameter',
  'expected caseway://case/<number>',
  'expected caseway://interaction?channel=…&from=…',
  'must look like CS0001234',
  'must be a known channel',
  'must be a phone number',
  'must be an email address',
  'must be plain text',
] as const;
export type DeepLinkRefusalReason = (typeof deepLinkRefusalReasons)[number];

/**
 * Why a link was refused: a code, the part of the link at fault and a reason, each from a closed
 * set. Never any of the link's text — a link may carry a caller's number or address.
 */
export type DeepLinkError = { code: 'not_caseway' | 'unknown_action' | 'invalid'; path: DeepLinkErrorPath; message: DeepLinkRefusalReason };
export type DeepLinkResult = { ok: true; value: DeepLinkAction } | { ok: false; error: DeepLinkError };

/** How long the preload holds a link for a listener: one that launched the app is taken within seconds of sign-in. */
export const deepLinkInboxMaxAgeMs = 2 * 60_000;

/**
 * Holds actions that arrive before anyone listens (a link that launched the app arrives before the
 * workspace is signed in and mounted) and hands them to the next listener. Used by the preload.
 * A held action older than `deepLinkInboxMaxAgeMs` when a listener subscribes is dropped: a link
 * clicked before a sign-out must not act at the next sign-in, maybe hours and another user later.
 * `now` is the clock in milliseconds (tests pass their own).
 */
export function createDeepLinkInbox<T>(maxPending: number, now: () => number = () => Date.now()): { push(item: T): void; listen(listener: (item: T) => void): () => void } {
  const pending: { item: T; at: number }[] = [];
  const listeners = new Set<(item: T) => void>();
  // A clock set back by more than the maximum age drops them too, rather than keeping them for longer.
  const isFresh = (at: number): boolean => Math.abs(now() - at) <= deepLinkInboxMaxAgeMs;
  return {
    push(item) {
      // Only the latest few are kept: a burst of links while nobody listens must not grow without bound.
      if (listeners.size === 0) {
        pending.push({ item, at: now() });
        pending.splice(0, Math.max(0, pending.length - maxPending));
      } else for (const listener of listeners) listener(item);
    },
    listen(listener) {
      listeners.add(listener);
      for (const entry of pending.splice(0)) if (isFresh(entry.at)) listener(entry.item);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
