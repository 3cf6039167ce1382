import { type ApiFailure, ApiError } from './errors';
import { isRecord } from './json';
import { type JsonResponse, httpFailure } from './http';

/** How far an upload has come: bytes sent of all bytes. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  /** The session's CSRF token; an upload changes state like every other write. */
  csrfToken: string;
  /** What the client claims the body is; the server checks the bytes itself. */
  contentType: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** 413: the body is larger than the server takes; `maxBytes` is its limit when it said so. */
export class TooLargeError extends ApiError {
  constructor(
    failure: ApiFailure,
    readonly maxBytes: number | undefined,
  ) {
    super(failure);
    this.name = 'TooLargeError';
  }
}

/** Thrown when the caller aborted the upload; not a failure to show. */
export class UploadAbortedError extends Error {
  constructor() {
    super('Upload aborted');
    this.name = 'UploadAbortedError';
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * POSTs a raw body to the workspace's own origin. XMLHttpRequest rather than fetch, because
 * only it reports how many bytes of the request have been sent (the progress bar). No timeout:
 * a large file on a slow line takes as long as it takes; the person can cancel it.
 */
export function uploadBody(path: string, body: Blob, options: UploadOptions): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new UploadAbortedError());
      return;
    }
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Content-Type', options.contentType);
    request.setRequestHeader('X-CSRF-Token', options.csrfToken);
    const onAbort = () => request.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => options.signal?.removeEventListener('abort', onAbort);

    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) options.onProgress?.({ loaded: event.loaded, total: event.total });
      else options.onProgress?.({ loaded: event.loaded, total: body.size });
    });
    request.addEventListener('load', () => {
      finish();
      const parsed = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        resolve({ status: request.status, body: parsed });
        return;
      }
      const failure = httpFailure(request.status, parsed);
      const maxBytes = isRecord(parsed) && typeof parsed.maxBytes === 'number' ? parsed.maxBytes : undefined;
      reject(request.status === 413 ? new TooLargeError(failure, maxBytes) : new ApiError(failure));
    });
    request.addEventListener('error', () => {
      finish();
      reject(new ApiError({ kind: 'network' }));
    });
    request.addEventListener('abort', () => {
      finish();
      reject(new UploadAbortedError());
    });
    request.send(body);
  });
}
