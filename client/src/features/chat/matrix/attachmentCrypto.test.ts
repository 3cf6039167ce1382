import { describe, expect, it } from 'vitest';
import { AttachmentIntegrityError, decryptAttachment, encryptAttachment } from './attachmentCrypto';

const bytes = (text: string) => new TextEncoder().encode(text).buffer;

describe('attachment encryption', () => {
  it('round-trips a file and never stores it in the clear', async () => {
    const plain = bytes('Vermerk zur Haushaltsplanung 2027 – vertraulich');
    const { data, key } = await encryptAttachment(plain);
    expect(new Uint8Array(data)).not.toEqual(new Uint8Array(plain));
    expect(new TextDecoder().decode(await decryptAttachment(data, key))).toBe(
      'Vermerk zur Haushaltsplanung 2027 – vertraulich',
    );
  });

  it('describes the key as the specification asks: A256CTR, v2, counter starting at zero', async () => {
    const { key } = await encryptAttachment(bytes('x'));
    expect(key.v).toBe('v2');
    expect(key.key).toMatchObject({ kty: 'oct', alg: 'A256CTR', ext: true, key_ops: ['encrypt', 'decrypt'] });
    const iv = Uint8Array.from(atob(key.iv), (c) => c.charCodeAt(0));
    expect(iv).toHaveLength(16);
    expect([...iv.subarray(8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(key.iv).not.toMatch(/=/);
  });

  it('refuses a changed ciphertext', async () => {
    const { data, key } = await encryptAttachment(bytes('Betrag: 100 Euro'));
    const tampered = new Uint8Array(data.slice(0));
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    await expect(decryptAttachment(tampered.buffer, key)).rejects.toBeInstanceOf(AttachmentIntegrityError);
  });

  it('uses a new key for every file', async () => {
    const a = await encryptAttachment(bytes('same'));
    const b = await encryptAttachment(bytes('same'));
    expect(a.key.key.k).not.toBe(b.key.key.k);
  });
});
