import { inflateRawSync } from 'node:zlib';

/**
 * Reads a ZIP archive's entries through its central directory (stored and
 * deflated entries), enough to look into ODF and OOXML files.
 */
export function zipEntries(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + compressed);
    entries.set(name, method === 0 ? data : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The name of the archive's first stored file (ODF requires `mimetype` there, uncompressed). */
export function firstLocalName(zip: Buffer): { name: string; method: number } {
  if (zip.readUInt32LE(0) !== 0x04034b50) throw new Error('not a ZIP archive');
  const nameLength = zip.readUInt16LE(26);
  return { name: zip.subarray(30, 30 + nameLength).toString('utf8'), method: zip.readUInt16LE(8) };
}
