import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ApiRoute } from './apiRoute';
import { queryOf, type ApiEnv } from './mountRoutes';
import { PROBLEM_CONTENT_TYPE, ProblemDocumentSchema } from './problemDocument';

const problem = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemDocumentSchema } } });

/** The refusals a route can answer, from what it takes. */
const refusalsOf = (route: ApiRoute) => ({
  400: problem('a field, a query parameter or a header is refused: `issues` names each'),
  ...(route.open ? {} : { 401: problem('no valid bearer token'), 403: problem('the person may not do this (role, or acting for someone else)') }),
  404: problem('no such case, stream or route'),
  ...(route.method === 'post'
    ? {
        409: problem("the case's state does not allow this (rule id in `rule`), or an Idempotency-Key's first request is still running"),
        413: problem('the body exceeds 1 MiB'),
        415: problem('the body is not application/json'),
        422: problem('the input breaks a rule of the process (rule id in `rule`), or an Idempotency-Key is reused with another request'),
      }
    : {}),
  ...(route.ifMatch ? { 412: problem('If-Match: the case has moved on since that revision') } : {}),
  503: problem('Temporal or the event store cannot be reached: retry after Retry-After seconds'),
});

const headersOf = (route: ApiRoute) => {
  const headers: Record<string, z.ZodType> = {};
  if (route.readsCase) headers['x-purpose'] = z.string().optional().describe('why the case is read (or ?purpose=): the access log records it');
  if (route.ifMatch)
    headers['if-match'] = z.string().optional().describe('the ETag of the case as read, e.g. "7": refused with 412 when the case has moved on');
  if (route.method === 'post')
    headers['idempotency-key'] = z
      .string()
      .optional()
      .describe('a retry with the same key and body answers the first answer and changes nothing; another body: 422');
  return Object.keys(headers).length > 0 ? z.object(headers) : undefined;
};

const paramsOf = (path: string) => {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return names.length > 0 ? z.object(Object.fromEntries(names.map((name) => [name, z.string().min(1)]))) : undefined;
};

/** Enters every route of the table in the app's OpenAPI registry (the document /openapi.json serves). */
export const describeRoutes = (app: OpenAPIHono<ApiEnv>, routes: readonly ApiRoute[]): void => {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'a token of the local signing key (`ses token mint <user-id>`) or of the configured OIDC issuer',
  });
  for (const route of routes) {
    const { success } = route;
    const query = queryOf(route);
    const params = paramsOf(route.path);
    const headers = headersOf(route);
    app.openAPIRegistry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      description: `Who: ${route.who}.`,
      tags: [route.tag],
      security: route.open ? [] : [{ bearer: [] }],
      request: {
        ...(Object.keys(query.shape).length > 0 ? { query } : {}),
        ...(params ? { params } : {}),
        ...(headers ? { headers } : {}),
        ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [success.status]: {
          description: success.description,
          ...(route.etag || route.ifMatch
            ? { headers: { ETag: { description: "the case's stream revision, for If-Match", schema: { type: 'string' } } } }
            : {}),
          ...(success.schema || success.contentType
            ? { content: { [success.contentType ?? 'application/json']: { schema: success.schema ?? z.string() } } }
            : {}),
        },
        ...refusalsOf(route),
      },
    });
  }
};

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'SES personnel actions API',
    version: '1',
    description:
      'QRB certification, probation, onboarding and rotation of Senior Executive Service members, as event-sourced Temporal workflows. ' +
      'Every refusal is an RFC 9457 problem document (`application/problem+json`) whose `type` ends with the stable rule id. ' +
      'Case reads carry an ETag (the stream revision); decisions take If-Match. Every POST takes an Idempotency-Key.',
  },
} as const;
