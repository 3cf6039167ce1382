import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterEach, describe, expect, it } from 'vitest';

// The repository's rule set (.dependency-cruiser.cjs), run on small trees written for each case: a
// rule that no longer fires on what it forbids would leave `npm run lint` green on a broken layering.
const rules = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

const cleanTree: Record<string, string> = {
  'server/src/domain/room.ts': 'export interface Room { id: string }\n',
  'server/src/domain/ports/rooms.ts':
    "import type { Room } from '../room';\nexport interface Rooms { find(id: string): Promise<Room> }\n",
  'server/src/commands/rooms/loadRoom.ts':
    "import type { Rooms } from '../../domain/ports/rooms';\nexport const loadRoom = (rooms: Rooms, id: string) => rooms.find(id);\n",
  'server/src/commands/people/person.ts':
    "import { loadRoom } from '../rooms/loadRoom';\nexport const roomOfPerson = loadRoom;\n",
  'server/src/db/roomRepository.ts':
    "import type { Rooms } from '../domain/ports/rooms';\nexport const roomRepository = (): Rooms => ({ find: (id) => Promise.resolve({ id }) });\n",
  'server/src/http/roomRoutes.ts':
    "import { loadRoom } from '../commands/rooms/loadRoom';\nimport type { Rooms } from '../domain/ports/rooms';\nexport const route = (rooms: Rooms) => loadRoom(rooms, 'r1');\n",
  'server/src/jobs/roomPass.ts':
    "import { loadRoom } from '../commands/rooms/loadRoom';\nexport const pass = loadRoom;\n",
  'server/src/main.ts':
    "import { roomRepository } from './db/roomRepository';\nimport { route } from './http/roomRoutes';\nexport const started = route(roomRepository());\n",
  'client/src/features/rooms/RoomList.ts': 'export const RoomList = 1;\n',
  'client/src/features/rooms/index.ts': "export { RoomList } from './RoomList';\n",
  'client/src/app/Nav.ts': "import { RoomList } from '../features/rooms';\nexport const nav = RoomList;\n",
};

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** The violations of the rule set on the clean tree changed by `changes`, as "rule: from → to". */
async function violationsOf(changes: Record<string, string>): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dependency-rules-'));
  folders.push(root);
  for (const [file, text] of Object.entries({ ...cleanTree, ...changes })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const { output } = await cruise(['server/src', 'client/src'], {
    baseDir: root,
    ruleSet: { forbidden: rules.forbidden ?? [] },
    validate: true,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  });
  const result = output as ICruiseResult;
  return result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
}

describe('the dependency rule set', () => {
  it('passes a tree that keeps every rule', async () => {
    expect(await violationsOf({})).toEqual([]);
  });

  it('refuses a route that imports the database', async () => {
    const violations = await violationsOf({
      'server/src/http/roomRoutes.ts':
        "import { roomRepository } from '../db/roomRepository';\nexport const route = () => roomRepository().find('r1');\n",
    });
    expect(violations).toContain(
      'edges-reach-db-through-ports: server/src/http/roomRoutes.ts → server/src/db/roomRepository.ts',
    );
  });

  it('refuses a job that imports the database', async () => {
    const violations = await violationsOf({
      'server/src/jobs/roomPass.ts':
        "import { roomRepository } from '../db/roomRepository';\nexport const pass = roomRepository;\n",
    });
    expect(violations).toContain(
      'edges-reach-db-through-ports: server/src/jobs/roomPass.ts → server/src/db/roomRepository.ts',
    );
  });

  it('refuses a cycle between two folders of the use cases', async () => {
    const violations = await violationsOf({
      'server/src/commands/rooms/loadRoom.ts':
        "import type { Rooms } from '../../domain/ports/rooms';\nimport type { roomOfPerson } from '../people/person';\nexport type Alias = typeof roomOfPerson;\nexport const loadRoom = (rooms: Rooms, id: string) => rooms.find(id);\n",
    });
    expect(violations.filter((violation) => violation.startsWith('no-folder-cycles:'))).not.toEqual([]);
  });

  it('refuses a type import from HTTP into the domain', async () => {
    const violations = await violationsOf({
      'server/src/domain/room.ts':
        "import type { route } from '../http/roomRoutes';\nexport type Route = typeof route;\nexport interface Room { id: string }\n",
    });
    expect(violations).toContain('domain-is-pure: server/src/domain/room.ts → server/src/http/roomRoutes.ts');
  });

  it('refuses an import into a client feature past its entry file', async () => {
    const violations = await violationsOf({
      'client/src/app/Nav.ts': "import { RoomList } from '../features/rooms/RoomList';\nexport const nav = RoomList;\n",
    });
    expect(violations).toEqual([
      'client-features-through-their-entry: client/src/app/Nav.ts → client/src/features/rooms/RoomList.ts',
    ]);
  });
});
