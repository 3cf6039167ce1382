import type { ApiFailure } from '../../../lib/api/http';
import { exceedsLimit } from '../sizes';

/** Why a file did not arrive: too large (checked here or by the server), or the request failed. */
export type UploadFailure = { kind: 'tooLarge'; maxBytes: number | null } | { kind: 'request'; failure: ApiFailure };

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled';

export interface UploadItem {
  id: number;
  name: string;
  size: number;
  /** Bytes sent so far. */
  loaded: number;
  status: UploadStatus;
  failure?: UploadFailure;
  /** The library entry it became (a new entry or a new version). */
  entryId?: string;
  newVersion?: boolean;
}

export interface UploadQueue {
  items: UploadItem[];
  nextId: number;
}

export type UploadAction =
  | { type: 'add'; files: { name: string; size: number }[]; maxBytes: number | null }
  | { type: 'start'; id: number }
  | { type: 'progress'; id: number; loaded: number }
  | { type: 'done'; id: number; entryId: string; newVersion: boolean }
  | { type: 'failed'; id: number; failure: UploadFailure }
  | { type: 'cancel'; id: number }
  | { type: 'clearFinished' };

export const EMPTY_QUEUE: UploadQueue = { items: [], nextId: 1 };

const FINISHED: readonly UploadStatus[] = ['done', 'failed', 'cancelled'];

export function isFinished(item: UploadItem): boolean {
  return FINISHED.includes(item.status);
}

function change(queue: UploadQueue, id: number, update: (item: UploadItem) => UploadItem): UploadQueue {
  return { ...queue, items: queue.items.map((item) => (item.id === id ? update(item) : item)) };
}

/**
 * The upload queue: files wait, are sent one at a time, and end done, failed or cancelled.
 * A file over the tenant's limit fails at once, before a byte is sent.
 */
export function uploadReducer(queue: UploadQueue, action: UploadAction): UploadQueue {
  switch (action.type) {
    case 'add': {
      let nextId = queue.nextId;
      const added = action.files.map((file): UploadItem => {
        const id = nextId;
        nextId += 1;
        const base = { id, name: file.name, size: file.size, loaded: 0 };
        return exceedsLimit(file.size, action.maxBytes)
          ? { ...base, status: 'failed', failure: { kind: 'tooLarge', maxBytes: action.maxBytes } }
          : { ...base, status: 'waiting' };
      });
      return { items: [...queue.items, ...added], nextId };
    }
    case 'start':
      return change(queue, action.id, (item) => (item.status === 'waiting' ? { ...item, status: 'uploading' } : item));
    case 'progress':
      return change(queue, action.id, (item) =>
        item.status === 'uploading' ? { ...item, loaded: Math.min(action.loaded, item.size) } : item,
      );
    case 'done':
      return change(queue, action.id, (item) =>
        isFinished(item)
          ? item
          : { ...item, status: 'done', loaded: item.size, entryId: action.entryId, newVersion: action.newVersion },
      );
    case 'failed':
      return change(queue, action.id, (item) =>
        isFinished(item) ? item : { ...item, status: 'failed', failure: action.failure },
      );
    case 'cancel':
      return change(queue, action.id, (item) => (isFinished(item) ? item : { ...item, status: 'cancelled' }));
    case 'clearFinished':
      return { ...queue, items: queue.items.filter((item) => !isFinished(item)) };
  }
}

/** The file to send next: none while one is being sent. */
export function nextUpload(queue: UploadQueue): UploadItem | undefined {
  if (queue.items.some((item) => item.status === 'uploading')) return undefined;
  return queue.items.find((item) => item.status === 'waiting');
}
