import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiFailure } from '../../../lib/api/http';
import { TooLargeError, UploadAbortedError } from '../../../lib/api/documents';
import { formatBytes } from '../sizes';
import { uploadName } from '../names';
import type { DocumentsContext } from '../useDocumentsContext';
import { EMPTY_QUEUE, type UploadItem, nextUpload, uploadReducer } from './uploadQueue';

export interface Uploads {
  items: UploadItem[];
  /** The last completion or failure, in words, for the live region. */
  message: string;
  add: (files: File[]) => void;
  cancel: (id: number) => void;
  clearFinished: () => void;
}

/**
 * Sends files one after another into `folderId`, with progress per file. A file over the
 * tenant's limit is refused before a byte is sent; the server's 413 is shown the same way.
 */
export function useUploads(
  context: DocumentsContext,
  folderId: string | null,
  maxBytes: number | null,
  onUploaded: () => void,
): Uploads {
  const { t, i18n } = useTranslation();
  const [queue, dispatch] = useReducer(uploadReducer, EMPTY_QUEUE);
  const [message, setMessage] = useState('');
  const files = useRef(new Map<number, { file: File; folderId: string | null }>());
  const controllers = useRef(new Map<number, AbortController>());
  const uploaded = useRef(onUploaded);
  uploaded.current = onUploaded;
  const locale = i18n.resolvedLanguage ?? 'de';

  const tooLargeText = useCallback(
    (name: string, limit: number | null | undefined) =>
      limit === null || limit === undefined
        ? t('documents.upload.tooLargeUnknown', { name })
        : t('documents.upload.tooLarge', { name, max: formatBytes(limit, locale) }),
    [t, locale],
  );

  const add = useCallback(
    (picked: File[]) => {
      if (picked.length === 0) return;
      const start = queue.nextId;
      picked.forEach((file, index) => files.current.set(start + index, { file, folderId }));
      const named = picked.map((file) => ({
        name: uploadName(file.name, t('documents.upload.unnamed')),
        size: file.size,
      }));
      dispatch({ type: 'add', files: named, maxBytes });
      const refused = named.filter((file) => maxBytes !== null && file.size > maxBytes);
      if (refused.length > 0) setMessage(refused.map((file) => tooLargeText(file.name, maxBytes)).join(' '));
    },
    [queue.nextId, folderId, maxBytes, t, tooLargeText],
  );

  const next = nextUpload(queue);
  const { documents, tenantId, roomId } = context;
  useEffect(() => {
    if (!next || !documents) return;
    const source = files.current.get(next.id);
    if (!source) {
      dispatch({ type: 'cancel', id: next.id });
      return;
    }
    const controller = new AbortController();
    controllers.current.set(next.id, controller);
    dispatch({ type: 'start', id: next.id });
    documents
      .upload(tenantId, roomId, {
        file: source.file,
        name: next.name,
        parentId: source.folderId,
        signal: controller.signal,
        onProgress: ({ loaded }) => dispatch({ type: 'progress', id: next.id, loaded }),
      })
      .then(
        ({ entry, created }) => {
          dispatch({ type: 'done', id: next.id, entryId: entry.id, newVersion: !created });
          setMessage(
            created
              ? t('documents.upload.done', { name: entry.name })
              : t('documents.upload.doneVersion', { name: entry.name, version: entry.version ?? '' }),
          );
          uploaded.current();
        },
        (caught: unknown) => {
          if (caught instanceof UploadAbortedError) {
            dispatch({ type: 'cancel', id: next.id });
            setMessage(t('documents.upload.cancelled', { name: next.name }));
            return;
          }
          if (caught instanceof TooLargeError) {
            const limit = caught.maxBytes ?? maxBytes;
            dispatch({ type: 'failed', id: next.id, failure: { kind: 'tooLarge', maxBytes: limit ?? null } });
            setMessage(tooLargeText(next.name, limit));
            return;
          }
          dispatch({ type: 'failed', id: next.id, failure: { kind: 'request', failure: toApiFailure(caught) } });
          setMessage(t('documents.upload.failed', { name: next.name }));
        },
      )
      .finally(() => {
        controllers.current.delete(next.id);
        files.current.delete(next.id);
      });
    // Only a new item to send starts a request; progress re-renders must not.
  }, [next?.id, documents, tenantId, roomId]);

  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.abort();
    };
  }, []);

  const cancel = useCallback((id: number) => {
    const controller = controllers.current.get(id);
    if (controller) controller.abort();
    else dispatch({ type: 'cancel', id });
    files.current.delete(id);
  }, []);
  const clearFinished = useCallback(() => dispatch({ type: 'clearFinished' }), []);

  return { items: queue.items, message, add, cancel, clearFinished };
}
