import { describe, expect, it } from 'vitest';
import { externalApiUrl, jitsiOrigin } from './externalApi';

describe('the Jitsi deployment address', () => {
  it('uses https for a plain domain', () => {
    expect(jitsiOrigin('meet.behoerde.example')).toEqual({
      host: 'meet.behoerde.example',
      origin: 'https://meet.behoerde.example',
    });
    expect(externalApiUrl('meet.behoerde.example')).toBe('https://meet.behoerde.example/external_api.js');
  });

  it('uses http for a local address', () => {
    expect(externalApiUrl('localhost:8443')).toBe('http://localhost:8443/external_api.js');
    expect(jitsiOrigin('127.0.0.1:9000').host).toBe('127.0.0.1:9000');
  });

  it('keeps a scheme given with the domain', () => {
    expect(jitsiOrigin('http://meet.lan:8000/')).toEqual({ host: 'meet.lan:8000', origin: 'http://meet.lan:8000' });
    expect(externalApiUrl('https://localhost:8443')).toBe('https://localhost:8443/external_api.js');
  });
});
