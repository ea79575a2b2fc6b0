/** Messages between a window and its search worker (renderer/search/searchWorker.ts). */
import type { SearchHit, SearchType } from './searchIndex';

/** How far the index is: records read so far of those to read, and whether it is whole and current. */
export type SearchProgress = {
  indexed: number;
  toIndex: number;
  /** The first build has finished and no change is waiting to be indexed. */
  isComplete: boolean;
  /** Goes up whenever what the index holds changes (answers may differ). */
  version: number;
};

export type SearchCommand =
  | { type: 'start'; dbName: string }
  | { type: 'query'; requestId: number; text: string; types?: readonly SearchType[]; limit?: number };

export type SearchEvent =
  | ({ type: 'status' } & SearchProgress)
  | ({ type: 'result'; requestId: number; text: string; hits: SearchHit[]; total: number; totalsByType: Record<SearchType, number>; tookMs: number } & SearchProgress)
  /** Indexing went wrong (the index keeps what it has), or the query `requestId` could not be answered. */
  | { type: 'failed'; message: string; requestId?: number };
