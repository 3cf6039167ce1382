import type { z } from 'zod';

/** What a route may answer, by status; `binary`: bytes of that kind (or of the stored type), not JSON. */
export interface ApiResponse {
  description: string;
  schema?: z.ZodType;
  binary?: string;
}
export type ApiResponses = Record<number, ApiResponse>;

/** Read-only all the way down: a handler's literal lists are read-only tuples, and JSON does not care. */
type Frozen<T> = T extends readonly (infer E)[]
  ? readonly Frozen<E>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/** The body a status promises: its schema's output, or none. */
type BodyOf<R extends ApiResponses, S extends keyof R> = R[S] extends { schema: infer Z extends z.ZodType }
  ? Frozen<z.output<Z>>
  : undefined;

type StatusResult<R extends ApiResponses, S extends keyof R & number> = R[S] extends { schema: z.ZodType }
  ? { status: S; body: BodyOf<R, S>; sent?: false }
  : { status: S; body?: undefined; sent?: false };

/**
 * What a handler of a route with these responses may answer: a listed status with its body;
 * without a status, 200 with a body or 204 without (as the router sends them); or "sent" for a
 * handler that streamed the answer itself.
 */
export type ResultFor<R extends ApiResponses> =
  | { [S in keyof R & number]: StatusResult<R, S> }[keyof R & number]
  | (200 extends keyof R ? { status?: undefined; body: BodyOf<R, 200>; sent?: false } : never)
  | (204 extends keyof R ? { status?: undefined; body?: undefined; sent?: false } : never)
  | { sent: true; status?: undefined; body?: undefined };

type KeysOf<T> = T extends unknown ? keyof T : never;
type At<T, K> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/** The paths of the fields of `T` that `S` lacks (never when there are none), e.g. `.rooms[].secret`. */
export type ExtraFields<T, S, P extends string = ''> = unknown extends S
  ? never
  : T extends readonly (infer E)[]
    ? ExtraFields<E, NonNullable<S> extends readonly (infer SE)[] ? SE : never, `${P}[]`>
    : T extends object
      ? {
          [K in keyof T & string]: K extends KeysOf<NonNullable<S>>
            ? ExtraFields<T[K], At<NonNullable<S>, K>, `${P}.${K}`>
            : `${P}.${K}`;
        }[keyof T & string]
      : never;

/** The extra fields of each answer the handler gives, against the schema of its status. */
type ExtraOf<H, R extends ApiResponses> = H extends { body: infer Body }
  ? H extends { status: infer S extends keyof R }
    ? ExtraFields<Body, BodyOf<R, S>>
    : 200 extends keyof R
      ? ExtraFields<Body, BodyOf<R, 200>>
      : never
  : never;

/**
 * No second argument when the bodies are exact; otherwise `route()` asks for one named after the
 * fields the response schema lacks, so the type check fails at the route.
 */
export type ExactCheck<H, R extends ApiResponses> = [ExtraOf<H, R>] extends [never]
  ? []
  : [bodyFieldsTheSchemaLacks: ExtraOf<H, R>];
