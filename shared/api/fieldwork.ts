/**
 * The field technician's history look-up (`GET /api/fieldwork/history?itemIds=…`): for each install
 * base item asked for, the earlier cases and work orders on it and on the rest of its site's tree.
 * A device keeps the answer (renderer `itemHistory`) so the technician has it offline.
 */
import { z } from 'zod';

export const maxHistoryItems = 100;
/** The newest cases and work orders kept per item (a site's whole past is not needed on site). */
export const maxHistoryRows = 50;

const uuid = z.guid({ message: 'must be a UUID' });

/** `itemIds` as one comma-separated value or repeated (`?itemIds=a&itemIds=b`); duplicates collapse. */
export const itemHistoryQuerySchema = z.strictObject({
  itemIds: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : v),
    z.array(uuid).min(1, { message: 'name at least one install base item' }).max(maxHistoryItems, { message: `at most ${maxHistoryItems} items at once` }),
  ),
});

export type HistoryCase = { id: string; number: string; shortDescription: string; state: string; openedAt: string; resolvedAt: string | null; resolutionCode: string | null; installBaseItemId: string | null };
export type HistoryWork = { id: string; number: string; caseId: string | null; shortDescription: string; state: string; completedAt: string | null; assignedToName: string | null; partsUsed: { partNumber: string; name: string; quantity: number }[]; notes: string[] };
export type ItemHistoryEntry = { installBaseItemId: string; fetchedAt: string; cases: HistoryCase[]; work: HistoryWork[] };

/** `missing`: ids asked for that the caller may not see or that do not exist (not told apart). */
export type ItemHistoryAnswer = { items: ItemHistoryEntry[]; missing: string[] };
