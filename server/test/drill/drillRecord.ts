import fs from 'node:fs';

/** What the restore drill made before the backup, and must find again after the restore. */
export interface DrillRecord {
  tenantId: string;
  roomId: string;
  matrixRoomId: string;
  member: { username: string; password: string; matrixUserId: string };
  /** Encrypted messages as the homeserver stored them: their ids and ciphertexts. */
  messages: { eventId: string; ciphertext: string }[];
  document: { entryId: string; name: string; sha256: string; size: number };
  /** The members' list of the room as the workspace showed it. */
  memberIds: string[];
}

const file = (): string => {
  const value = process.env.DRILL_RECORD;
  if (!value) throw new Error('DRILL_RECORD names the file the restore drill keeps its record in');
  return value;
};

export const writeDrillRecord = (record: DrillRecord): void =>
  fs.writeFileSync(file(), JSON.stringify(record, null, 2), { mode: 0o600 });

export const readDrillRecord = (): DrillRecord => JSON.parse(fs.readFileSync(file(), 'utf8')) as DrillRecord;

export const documentPath = (r: { tenantId: string; roomId: string }): string =>
  `/api/tenants/${r.tenantId}/rooms/${r.roomId}/documents`;
