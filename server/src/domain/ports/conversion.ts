import type { Readable } from 'node:stream';

/** Formats documents are converted into: PDF for previews, the open and Office formats for exports. */
export const conversionFormats = ['pdf', 'odt', 'docx', 'txt'] as const;
export type ConversionFormat = (typeof conversionFormats)[number];

/** A document to convert: its bytes (streamed or whole) and its name, whose extension says what it is. */
export interface ConversionInput {
  fileName: string;
  content: Readable | Uint8Array;
}

/** The converted document, readable while the `consume` callback runs; removed afterwards. */
export interface ConvertedDocument {
  stream: Readable;
  size: number;
}

/**
 * Turns office documents (and HTML) into other formats. Conversions run
 * outside the request path's event loop, a few at a time, each with a time
 * limit; callers wait for their turn.
 */
export interface DocumentConverter {
  convert<T>(
    input: ConversionInput,
    to: ConversionFormat,
    consume: (output: ConvertedDocument) => Promise<T>,
  ): Promise<T>;
}

/** The conversion took longer than allowed and was stopped. Repeating may help (the machine may have been busy). */
export class ConversionTimeoutError extends Error {
  readonly retryable = true;
  constructor(readonly timeoutMs: number) {
    super(`The conversion took longer than ${timeoutMs} ms and was stopped`);
    this.name = 'ConversionTimeoutError';
  }
}

/** The converter produced nothing (an unreadable or unsupported document). */
export class ConversionFailedError extends Error {
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'ConversionFailedError';
  }
}

/** Too many conversions are waiting already; try again shortly. */
export class ConversionBusyError extends Error {
  readonly retryable = true;
  readonly retryAfterMs = 5_000;
  constructor(waiting: number) {
    super(`${waiting} conversions are waiting already`);
    this.name = 'ConversionBusyError';
  }
}
