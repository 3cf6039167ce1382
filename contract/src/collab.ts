import { z } from 'zod';
import { id } from './common.js';

/** POST …/documents/texts: a new collaborative text document, edited live over /collab. */
export const textDocumentIn = z
  .object({
    name: z.string().min(1).max(255),
    parentId: id.nullable().describe('The folder; null for the library’s top level'),
  })
  .strict();
export type NewTextDocument = z.input<typeof textDocumentIn>;
