import { describe, expect, it } from 'vitest';
import { ClamdRefused, parseClamdUrl, verdictOf } from './clamdScanner.js';

describe('clamd', () => {
  it('reads its answers to INSTREAM', () => {
    expect(verdictOf('stream: OK\0')).toEqual({ clean: true });
    expect(verdictOf('stream: Eicar-Test-Signature.UNOFFICIAL FOUND\0')).toEqual({
      clean: false,
      signature: 'Eicar-Test-Signature.UNOFFICIAL',
    });
    expect(() => verdictOf('INSTREAM size limit exceeded. ERROR\0')).toThrow(ClamdRefused);
    expect(() => verdictOf('')).toThrow(/answered: \(nothing\)/);
    expect(() => verdictOf('stream: lstat() failed. ERROR')).toThrow(/lstat/);
  });

  it('is reached over TCP or a local socket, nothing else', () => {
    expect(parseClamdUrl('tcp://127.0.0.1:3310')).toEqual({ host: '127.0.0.1', port: 3310 });
    expect(parseClamdUrl('tcp://clamav.internal:3310')).toEqual({ host: 'clamav.internal', port: 3310 });
    expect(parseClamdUrl('unix:///run/clamav/clamd.ctl')).toEqual({ path: '/run/clamav/clamd.ctl' });
    expect(() => parseClamdUrl('http://127.0.0.1:3310')).toThrow(/tcp:\/\/host:port/);
    expect(() => parseClamdUrl('tcp://127.0.0.1')).toThrow(/tcp:\/\/host:port/);
  });
});
