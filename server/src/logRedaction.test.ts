import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { loggableHeaders, loggableRequest, loggableResponse, redactText, redactUrl } from './logRedaction.js';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl';

describe('redactUrl', () => {
  it('hides the sign-in callback code, state and session state, keeping the rest', () => {
    expect(redactUrl('/auth/callback?state=s3cr3t-state&session_state=abc&iss=http%3A%2F%2Fkc&code=c0de-123')).toBe(
      '/auth/callback?state=[redacted]&session_state=[redacted]&iss=http%3A%2F%2Fkc&code=[redacted]',
    );
  });

  it('hides a guest link secret in the path of the page and the API', () => {
    expect(redactUrl('/guest/Zm9vYmFy.c2VjcmV0')).toBe('/guest/[redacted]');
    expect(redactUrl('/api/guest/Zm9vYmFy.c2VjcmV0/join')).toBe('/api/guest/[redacted]/join');
    expect(redactUrl('https://ws.example/guest/abc?x=1')).toBe('https://ws.example/guest/[redacted]?x=1');
  });

  it('hides WOPI and OAuth tokens whatever the case or encoding of the parameter name', () => {
    expect(redactUrl('/wopi/files/f1?access_token=tok&access_token_ttl=5')).toBe(
      '/wopi/files/f1?access_token=[redacted]&access_token_ttl=5',
    );
    expect(redactUrl('/x?ACCESS_TOKEN=tok')).toBe('/x?ACCESS_TOKEN=[redacted]');
    expect(redactUrl('/x?acc%65ss_token=tok')).toBe('/x?acc%65ss_token=[redacted]');
    expect(redactUrl('/chat/anmeldung?loginToken=syl_abc')).toBe('/chat/anmeldung?loginToken=[redacted]');
    expect(redactUrl('/logout?id_token_hint=hint&post_logout_redirect_uri=%2F')).toBe(
      '/logout?id_token_hint=[redacted]&post_logout_redirect_uri=%2F',
    );
  });

  it('drops credentials of an absolute URL and leaves harmless URLs alone', () => {
    expect(redactUrl('https://user:pw@kc.example/realms/w?state=1')).toBe(
      'https://kc.example/realms/w?state=[redacted]',
    );
    expect(redactUrl('/api/tenants/t1/rooms?limit=10')).toBe('/api/tenants/t1/rooms?limit=10');
    expect(redactUrl('/')).toBe('/');
  });
});

describe('redactText', () => {
  it('hides secrets quoted in free text: parameters, guest links, bearer credentials, tokens, URL passwords', () => {
    const text = [
      'GET https://kc/auth?client_id=w&state=abc123&nonce=n0nce failed',
      'link https://ws.example/guest/s3cret.v4lue expired',
      'Authorization: Bearer abc.def-ghi',
      `token ${jwt} refused`,
      'postgres://app:hunter2@db:5432/ws',
      'logout_token=xyz',
      'GET /chat/anmeldung?loginToken=syl_t0ken',
    ].join('\n');
    const redacted = redactText(text);
    for (const secret of ['abc123', 'n0nce', 's3cret.v4lue', 'abc.def-ghi', jwt, 'hunter2', 'xyz', 'syl_t0ken']) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain('client_id=w');
    expect(redacted).toContain('https://ws.example/guest/[redacted] expired');
  });
});

describe('headers and requests', () => {
  it('shows only allowed headers, with URLs in them redacted', () => {
    expect(
      loggableHeaders({
        host: 'ws.example',
        cookie: 'ws_session=abc',
        authorization: 'Bearer abc',
        'x-csrf-token': 'csrf',
        referer: 'https://ws.example/guest/secret',
        'user-agent': 'test',
      }),
    ).toEqual({ host: 'ws.example', referer: 'https://ws.example/guest/[redacted]', 'user-agent': 'test' });
  });

  it('serializes a request and a response without secrets', () => {
    const req = loggableRequest({
      id: 'r1',
      method: 'GET',
      originalUrl: '/auth/callback?code=c&state=s',
      headers: { cookie: 'ws_login=x', host: 'h' },
      socket: { remoteAddress: '127.0.0.1', remotePort: 1 },
    });
    expect(req).toEqual({
      id: 'r1',
      method: 'GET',
      url: '/auth/callback?code=[redacted]&state=[redacted]',
      headers: { host: 'h' },
      remoteAddress: '127.0.0.1',
      remotePort: 1,
    });
    const res = loggableResponse({
      statusCode: 303,
      getHeaders: () => ({ location: 'https://kc/auth?state=s&nonce=n', 'set-cookie': ['ws_session=abc'] }),
    });
    expect(res).toEqual({
      statusCode: 303,
      headers: { location: 'https://kc/auth?state=[redacted]&nonce=[redacted]' },
    });
  });
});

describe('createLogger', () => {
  it('writes no secret of a message, a field or an error', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = createLogger('trace', sink);
    const error = new Error(`GET /api/guest/gu3st-s3cret failed with ${jwt}`);
    logger.error({ err: error, detail: 'callback?code=the-code&state=the-state' }, 'Bearer b3arer went wrong');
    logger.info({ nested: { list: ['wopi?access_token=acc3ss'] } }, 'ok');
    await new Promise((resolve) => setImmediate(resolve));
    for (const secret of ['gu3st-s3cret', jwt, 'the-code', 'the-state', 'b3arer', 'acc3ss']) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('[redacted]');
    expect(JSON.parse(written.split('\n')[0]!)).toMatchObject({ level: 50, err: { type: 'Error' } });
  });
});
