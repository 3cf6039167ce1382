import { createTextDocument } from '../../commands/documents/textDocuments.js';
import { documentAbilities } from '../../commands/documents/documentAccess.js';
import type { Store } from '../../domain/ports/store.js';
import { route } from './apiRoute.js';
import { presentEntry } from './documentPresenters.js';
import { documentEntryOut, roomParams, textDocumentIn } from '@arbeitsbereich/contract';
import { contextOf } from './commandContext.js';

export function collabRoutes(store: Store) {
  return [
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/documents/texts',
      operationId: 'createTextDocument',
      summary: 'A new collaborative text document in the room’s library (edited live over /collab)',
      tag: 'documents',
      params: roomParams,
      body: textDocumentIn,
      responses: {
        201: { description: 'The new entry', schema: documentEntryOut },
        403: { description: 'The caller may read but not write the room’s documents' },
        404: { description: 'No such room or folder (or not visible to the caller)' },
        409: { description: 'An entry of that name is already in the folder' },
        422: { description: 'The name is empty or too long' },
      },
      handler: async (input) => {
        const { entry, room } = await createTextDocument(
          store,
          contextOf(input),
          input.params.tenantId,
          input.params.roomId,
          input.body,
        );
        // Just made: no version yet, so no number and no preview.
        const view = { entry, current: undefined, abilities: documentAbilities(contextOf(input), room) };
        return { status: 201, body: presentEntry(view) };
      },
    }),
  ];
}
