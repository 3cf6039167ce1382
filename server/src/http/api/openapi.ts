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
  })
  .meta({ id: 'Problem' });

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
};

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonObject[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

/** The OpenAPI 3.1 document of the API, built from the routes' own schemas. */
export function openApiDocument(routes: readonly ApiRoute[], serverUrl: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const r of routes) {
    const path = `/api${r.path}`.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Record<string, JsonObject> = {};
    for (const [status, response] of Object.entries(r.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { 'application/json': { schema: schemaOf(response.schema, 'output') } } }
          : {}),
        ...(response.binary
          ? { content: { [response.binary]: { schema: { type: 'string', format: 'binary' } } } }
          : {}),
      };
    }
    const defaults: (readonly [string, string])[] = r.public
      ? [
          ['400', 'The request is invalid; `errors` names each problem'],
          ['429', 'Too many requests from this address'],
        ]
      : [
          ['400', 'The request is invalid; `errors` names each problem'],
          ['401', 'Not signed in'],
          ['403', 'Not allowed'],
        ];
    for (const [status, description] of defaults) {
      responses[status] ??= {
        description,
        content: { 'application/problem+json': { schema: schemaOf(problem, 'output') } },
      };
    }
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } } }
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
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(serverUrl.startsWith('https:')) },
      },
    },
    paths,
  };
}
