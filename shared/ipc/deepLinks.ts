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
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(action.from)) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be plain text' });
  });

export const deepLinkActionSchema = z.discriminatedUnion('kind', [openCaseSchema, startInteractionSchema]);
export type DeepLinkAction = z.infer<typeof deepLinkActionSchema>;

/** Why a link was refused; `path` names the part of the link at fault. */
export type DeepLinkError = { code: 'not_caseway' | 'unknown_action' | 'invalid'; path: string; message: string };
export type DeepLinkResult = { ok: true; value: DeepLinkAction } | { ok: false; error: DeepLinkError };

/**
 * Holds actions that arrive before anyone listens (a link that launched the app arrives before the
 * workspace is signed in and mounted) and hands them to the first listener. Used by the preload.
 */
export function createDeepLinkInbox<T>(maxPending: number): { push(item: T): void; listen(listener: (item: T) => void): () => void } {
  const pending: T[] = [];
  const listeners = new Set<(item: T) => void>();
  return {
    push(item) {
      // Only the latest few are kept: a burst of links while nobody listens must not grow without bound.
      if (listeners.size === 0) {
        pending.push(item);
        pending.splice(0, Math.max(0, pending.length - maxPending));
      } else for (const listener of listeners) listener(item);
    },
    listen(listener) {
      listeners.add(listener);
      for (const item of pending.splice(0)) listener(item);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
