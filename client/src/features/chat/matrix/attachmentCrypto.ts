import type { EncryptedFile } from 'matrix-js-sdk/lib/types.js';

/**
 * Attachment encryption as the Matrix specification defines it for encrypted
 * rooms (client-server API, "Sending encrypted attachments"): AES-CTR with a
 * fresh 256-bit key, a 128-bit counter block whose lower 64 bits start at
 * zero, and the SHA-256 of the ciphertext so a changed file is refused.
 * Web Crypto only: the same in browsers and in Node.
 */

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/=+$/, '');
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = normal + '='.repeat((4 - (normal.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export type AttachmentKey = Omit<EncryptedFile, 'url'>;

export class AttachmentIntegrityError extends Error {
  constructor() {
    super('the attachment does not match its hash');
  }
}

export async function encryptAttachment(plain: ArrayBuffer): Promise<{ data: ArrayBuffer; key: AttachmentKey }> {
  const iv = new Uint8Array(16);
  crypto.getRandomValues(iv.subarray(0, 8));
  const key = await crypto.subtle.generateKey({ name: 'AES-CTR', length: 256 }, true, ['encrypt', 'decrypt']);
  const data = await crypto.subtle.encrypt({ name: 'AES-CTR', counter: iv, length: 64 }, key, plain);
  const jwk = await crypto.subtle.exportKey('jwk', key);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return {
    data,
    key: {
      v: 'v2',
      key: { kty: 'oct', key_ops: ['encrypt', 'decrypt'], alg: 'A256CTR', k: jwk.k ?? '', ext: true },
      iv: toBase64(iv),
      hashes: { sha256: toBase64(hash) },
    },
  };
}

export async function decryptAttachment(data: ArrayBuffer, info: AttachmentKey): Promise<ArrayBuffer> {
  const expected = info.hashes.sha256;
  const actual = toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
  if (!expected || expected !== actual) throw new AttachmentIntegrityError();
  const key = await crypto.subtle.importKey('jwk', { ...info.key }, { name: 'AES-CTR' }, false, ['decrypt']);
  return crypto.subtle.decrypt({ name: 'AES-CTR', counter: fromBase64(info.iv), length: 64 }, key, data);
}
