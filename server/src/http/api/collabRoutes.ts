import { z } from 'zod';
import { createTextDocument } from '../../commands/collab/textDocuments.js';
import { roomResource, type LoadedRoom } from '../../commands/rooms/loadRoom.js';
import type { Actor } from '../../domain/actor.js';
import type { LibraryEntry } from '../../domain/library.js';
import { abilities } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import { route } from './apiRoute.js';
import { id } from './schemas.js';
import { contextOf } from './tenantRoutes.js';

const iso = (ms: number): string => new Date(ms).toISOString();

// The library's entry as every library route answers it (shared contract of the documents feature).
const entryOut = z
  .object({
    id,
    roomId: id,
    parentId: id.nullable(),
    kind: z.enum(['folder', 'file', 'text']),
    name: z.string(),
    size: z.number().describe('Bytes of the current version'),
    contentType: z.string(),
    version: z.number().nullable().describe('The current version’s number'),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.object({ id: z.string(), name: z.string() }),
    deletedAt: z.string().nullable(),
    preview: z.enum(['none', 'pending', 'ready', 'failed']),
    abilities: z.record(z.string(), z.boolean()).describe('document.read, document.write, document.purge'),
  })
  .meta({ id: 'LibraryEntry' });

const textIn = z
  .object({
    name: z.string().min(1).max(255),
    parentId: id.nullable().describe('The folder; null for the library’s top level'),
  })
  .strict();

/** A text document just made: no version yet, so no number and no preview. */
function presentNewText(actor: Actor, room: LoadedRoom, e: LibraryEntry) {
  const mayDo = abilities(actor, roomResource(room.tenant, room.room, room.myRole));
  return {
    id: e.id,
    roomId: e.roomId,
    parentId: e.parentId,
    kind: e.kind,
    name: e.name,
    size: e.size,
    contentType: e.contentType,
    version: null,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
    updatedBy: { id: e.updatedBy, name: e.updatedByName },
    deletedAt: e.deletedAt === null ? null : iso(e.deletedAt),
    preview: 'none' as const,
    abilities: Object.fromEntries(Object.entries(mayDo).filter(([action]) => action.startsWith('document.'))),
  };
}

export function collabRoutes(store: Store) {
  return [
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/library/texts',
      operationId: 'createTextDocument',
      summary: 'A new collaborative text document in the room’s library (edited live over /collab)',
      tag: 'library',
      params: z.object({ tenantId: id, roomId: id }),
      body: textIn,
      responses: {
        201: { description: 'The new entry', schema: entryOut },
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
        return { status: 201, body: presentNewText(input.actor, room, entry) };
      },
    }),
  ];
}
