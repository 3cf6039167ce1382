import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { sessionCookieName } from '../auth/cookies.js';
import type { ApiRoute } from './apiRoute.js';

type JsonObject = Record<string, unknown>;

const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional().describe('What the refusal is about, by name'),
  })
  // RFC 9457 extension members (e.g. `maxBytes` of a refused upload) may follow.
  .loose()
  .meta({ id: 'Problem' });

const localRef = '#/$defs/';

/** The names of the local definitions a schema refers to. */
function refsOf(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) refsOf(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(localRef))
        found.add(value.slice(localRef.length));
      else refsOf(value, found);
    }
  }
  return found;
}

function withRefs(node: unknown, target: (name: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => withRefs(item, target));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && value.startsWith(localRef)
        ? [key, `#/components/schemas/${target(value.slice(localRef.length))}`]
        : [key, withRefs(value, target)],
    ),
  );
}

/**
 * The JSON Schemas of the document: a schema named with `.meta({ id })` is
 * kept once under components/schemas and referred to from everywhere it is
 * used. A request schema whose input form differs from what the API answers
 * (defaults, transforms) is named with `Input` after its id.
 */
class Schemas {
  readonly components: Record<string, JsonObject> = {};

  of(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
    const convert = (mode: 'input' | 'output') => {
      const json = z.toJSONSchema(schema, { io: mode, unrepresentable: 'any' }) as JsonObject;
      delete json.$schema;
      const defs = (json.$defs ?? {}) as Record<string, JsonObject>;
      delete json.$defs;
      return { json, defs };
    };
    const { json, defs } = convert(io);
    const names = Object.keys(defs);
    const inputOnly = new Set<string>();
    if (io === 'input' && names.length > 0) {
      const output = convert('output').defs;
      for (const name of names) if (!isDeepStrictEqual(defs[name], output[name])) inputOnly.add(name);
      // A schema that refers to an input form is one itself.
      for (let grown = true; grown;) {
        grown = false;
        for (const name of names) {
          if (!inputOnly.has(name) && [...refsOf(defs[name])].some((r) => inputOnly.has(r))) {
            inputOnly.add(name);
            grown = true;
          }
        }
      }
    }
    const target = (name: string) => (inputOnly.has(name) ? `${name}Input` : name);
    for (const name of names) {
      const content = withRefs(defs[name], target) as JsonObject;
      const known = this.components[target(name)];
      if (known && !isDeepStrictEqual(known, content)) {
        throw new Error(`Two different schemas are named ${target(name)}`);
      }
      this.components[target(name)] = content;
    }
    return withRefs(json, target) as JsonObject;
  }
}

function parametersOf(schemas: Schemas, schema: z.ZodType | undefined, where: 'path' | 'query'): JsonObject[] {
  if (!schema) return [];
  const json = schemas.of(schema, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

/**
 * The refusals the pipeline itself may answer on a route (apiRouter.ts, app.ts),
 * whatever its command does: the route's own are in its `responses`.
 */
export function pipelineRefusals(r: ApiRoute): [number, string][] {
  const refusals: [number, string][] = [[400, 'The request is invalid; `errors` names each problem']];
  if (!r.public) {
    refusals.push([401, 'Not signed in'], [403, 'Not allowed, or a write without the X-CSRF-Token header']);
  }
  if (r.path.includes(':')) refusals.push([404, 'No such resource (or not visible to the caller)']);
  if (r.body) refusals.push([413, 'The JSON body is larger than the API reads']);
  if (r.public) refusals.push([429, 'Too many requests from this address']);
  else if (r.adminWrite || r.personLimit) refusals.push([429, 'Too many requests of this kind; see Retry-After']);
  return refusals;
}

/** The OpenAPI 3.1 document of the API, built from the routes' own schemas. */
export function openApiDocument(routes: readonly ApiRoute[], serverUrl: string): JsonObject {
  const schemas = new Schemas();
  const problemContent = { 'application/problem+json': { schema: schemas.of(problem, 'output') } };
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const r of routes) {
    const path = `/api${r.path}`.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Record<string, JsonObject> = {};
    for (const [status, response] of Object.entries(r.responses)) {
      const content = response.schema
        ? { 'application/json': { schema: schemas.of(response.schema, 'output') } }
        : response.binary
          ? { [response.binary]: { schema: { type: 'string', format: 'binary' } } }
          : Number(status) >= 400
            ? problemContent
            : undefined;
      responses[status] = { description: response.description, ...(content ? { content } : {}) };
    }
    for (const [status, description] of pipelineRefusals(r)) {
      responses[status] ??= { description, content: problemContent };
    }
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parametersOf(schemas, r.params, 'path'), ...parametersOf(schemas, r.query, 'query')],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemas.of(r.body, 'input') } },
            },
          }
        : {}),
      ...(r.rawBody
        ? {
            requestBody: {
              required: true,
              description: r.rawBody.description,
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
          }
        : {}),
      responses,
      security: r.public ? [] : [{ session: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Arbeitsbereich API',
      version: '1',
      description:
        'Administration of tenants, people and the audit log. Authenticated by the session cookie; writes need the X-CSRF-Token header from GET /api/session.',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(serverUrl.startsWith('https:')) },
      },
    },
    paths,
  };
}
