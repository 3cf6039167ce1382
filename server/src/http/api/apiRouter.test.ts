import type { AddressInfo } from 'node:net';
import express from 'express';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor.js';
import { fixedWindowLimiter } from '../rateLimit.js';
import { personLimits, route, type PersonLimit } from './apiRoute.js';
import { apiRouter } from './apiRouter.js';

const person = (userId: string): Actor => ({
  userId,
  subject: `kc-${userId}`,
  username: userId,
  displayName: userId,
  tenantId: 't1',
  tenantRole: 'member',
  platformAdmin: false,
});

describe('per-person rate limits of the API', () => {
  let base: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let as: Actor | undefined;
  const handled: string[] = [];

  beforeAll(async () => {
    const routes = [
      ...personLimits.map((kind) =>
        route({
          method: 'post',
          path: `/${kind}`,
          operationId: kind,
          summary: kind,
          tag: 'test',
          personLimit: kind,
          responses: { 204: { description: 'done' } },
          handler: () => {
            handled.push(kind);
            return Promise.resolve({ status: 204 as const });
          },
        }),
      ),
      route({
        method: 'post',
        path: '/unlimited',
        operationId: 'unlimited',
        summary: 'unlimited',
        tag: 'test',
        responses: { 204: { description: 'done' } },
        handler: () => Promise.resolve({ status: 204 as const }),
      }),
    ];
    const limits = Object.fromEntries(personLimits.map((k, i) => [k, fixedWindowLimiter(i + 1, 60_000)])) as Record<
      PersonLimit,
      ReturnType<typeof fixedWindowLimiter>
    >;
    const app = express();
    app.use((_req, res, next) => {
      res.locals.actor = as;
      next();
    });
    app.use('/api', apiRouter(routes, fixedWindowLimiter(1000, 60_000), undefined, limits));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (path: string) => fetch(`${base}/api${path}`, { method: 'POST' });

  it('answers 429 problem+json with Retry-After once a person used up a kind’s limit, and only for them', async () => {
    for (const [i, kind] of personLimits.entries()) {
      const limit = i + 1;
      as = person('anna');
      for (let n = 0; n < limit; n++) expect((await post(`/${kind}`)).status, `${kind} #${n + 1}`).toBe(204);
      const over = await post(`/${kind}`);
      expect(over.status, kind).toBe(429);
      expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await over.json()) as { status: number; title: string }).title).toBe('Too Many Requests');
      // Another person has a count of their own; routes without a limit are not counted.
      as = person('ben');
      expect((await post(`/${kind}`)).status, kind).toBe(204);
      as = person('anna');
      expect((await post('/unlimited')).status).toBe(204);
    }
    expect(handled.filter((k) => k === 'uploads')).toHaveLength(2);
  });
});

describe('text the API reads', () => {
  let base: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  const names: string[] = [];

  beforeAll(async () => {
    const routes = [
      route({
        method: 'post',
        path: '/named',
        operationId: 'named',
        summary: 'named',
        tag: 'test',
        body: z.object({ name: z.string() }),
        responses: { 204: { description: 'done' } },
        handler: (input) => {
          names.push(input.body.name);
          return Promise.resolve({ status: 204 as const });
        },
      }),
    ];
    const app = express();
    app.use(express.json());
    app.use((_req, res, next) => {
      res.locals.actor = person('anna');
      next();
    });
    app.use('/api', apiRouter(routes, fixedWindowLimiter(1000, 60_000)));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (body: string) =>
    fetch(`${base}/api/named`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

  it('refuses strings with a lone surrogate (400), and keeps every well-formed one', async () => {
    const refused = await post('{"name": "A\\ud8f8B"}');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { path: string }[] }).errors).toEqual([
      expect.objectContaining({ path: 'body.name' }),
    ]);
    expect((await post('{"name": "Grüße 😀 \\ud83d\\ude00"}')).status).toBe(204);
    expect(names).toEqual(['Grüße 😀 😀']);
  });
});

describe('per-address limits of the public routes', () => {
  let base: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;

  beforeAll(async () => {
    const open = (path: string, signedCaller: boolean) =>
      route({
        method: 'post',
        path,
        operationId: path.slice(1),
        summary: path,
        tag: 'test',
        public: true,
        signedCaller,
        responses: { 204: { description: 'done' } },
        handler: () => Promise.resolve({ status: 204 as const }),
      });
    const app = express();
    app.use(
      '/api',
      apiRouter([open('/guest', false), open('/webhook', true)], fixedWindowLimiter(1000, 60_000), {
        guests: fixedWindowLimiter(2, 60_000),
        signedCallers: fixedWindowLimiter(3, 60_000),
      }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const call = async (path: string) => (await fetch(`${base}/api${path}`, { method: 'POST' })).status;

  it('counts a signed caller (the video server’s webhooks) apart from the guests of the same address', async () => {
    expect([await call('/guest'), await call('/guest'), await call('/guest')]).toEqual([204, 204, 429]);
    // The guests' count is used up; the webhooks from the same address still pass, up to their own.
    expect([await call('/webhook'), await call('/webhook'), await call('/webhook'), await call('/webhook')]).toEqual([
      204, 204, 204, 429,
    ]);
    expect(await call('/guest')).toBe(429);
  });
});
