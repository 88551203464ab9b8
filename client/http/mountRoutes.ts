import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Principal } from '../auth/principal';
import { serverFailureOf, type ServerFailure } from '../observability/serverFailure';
import { ProblemError, parseInput, toProblem } from '../problem';
import type { Answer, ApiRoute } from './apiRoute';
import { requestIdOf, type IdempotencyKeys, type StoredAnswer } from './idempotencyKeys';
import { PROBLEM_CONTENT_TYPE, problemDocument } from './problemDocument';
import { parseJsonText, readJsonText } from './requestBody';
import { personOf, type Identification } from './requestPerson';

/** Stands in for the person on the open routes; it holds no role, so no operation accepts it. */
const ANONYMOUS = { id: 'anonymous', roles: [] } as unknown as Principal;

export interface ApiEnv {
  Variables: { principal: Principal; failure?: ServerFailure };
}

/** `"7"`: a case's stream revision as a strong entity tag. */
const etagOf = (revision: number): string => `"${revision}"`;

/**
 * Serves every route of the table on the app: the person (bearer token or browser session) first, so
 * a refused call leaves no trace; then the query (unknown parameters refused), the
 * body (415, 413, 400), the If-Match precondition, and the operation, at most once
 * per Idempotency-Key.
 */
export const mountRoutes = (
  app: OpenAPIHono<ApiEnv>,
  routes: readonly ApiRoute[],
  {
    identification,
    idempotency,
    onAuthenticated,
  }: { identification: Identification; idempotency: IdempotencyKeys; onAuthenticated?: (principal: Principal) => void },
): void => {
  for (const route of routes) {
    const honoPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(route.method.toUpperCase(), honoPath, async (c) => {
      const principal = route.open ? ANONYMOUS : await personOf(c, identification);
      c.set('principal', principal);
      if (!route.open) onAuthenticated?.(principal);
      const query = parseQuery(route, c.req.queries());
      const text = route.body ? await readJsonText(c.req.raw) : undefined;
      const key = route.method === 'post' ? c.req.header('idempotency-key') : undefined;
      const url = new URL(c.req.url);
      const request = `${route.method} ${url.pathname}${url.search}\n${text ?? ''}`;
      const call = {
        principal,
        params: c.req.param() as Record<string, string>,
        query,
        body: text === undefined ? undefined : parseJsonText(text),
        purpose: c.req.header('x-purpose') ?? (query as { purpose?: string }).purpose,
        expectedRevision: ifMatchOf(route, c.req.header('if-match')),
        requestId: key === undefined ? undefined : requestIdOf(principal.id, key, request),
      };
      let streamed: Response | undefined;
      const run = async (): Promise<StoredAnswer> => {
        try {
          const answer = await route.handle(call);
          if (!('lines' in answer)) return storedAnswer(answer);
          // Sent as it is read, never stored: only GET routes stream, and Idempotency-Key is for POST.
          streamed = new Response(streamOf(answer.lines), { status: answer.status, headers: { 'content-type': answer.contentType } });
          return { status: answer.status, headers: {}, body: '' };
        } catch (error) {
          return errorAnswer(c, error);
        }
      };
      if (key !== undefined) {
        const answer = await idempotency.once(principal.id, key, request, run);
        return respond(answer, answer.replayed ? { 'idempotent-replayed': 'true' } : {});
      }
      const answer = await run();
      return streamed ?? respond(answer);
    });
  }
};

/** Any error as an RFC 9457 problem answer (401 with its challenge, 503 with Retry-After, 413 closing the connection). */
export const problemAnswer = (error: unknown, instance: string): StoredAnswer => {
  const problem = toProblem(error);
  return {
    status: problem.status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      ...(problem.status === 401 ? { 'www-authenticate': 'Bearer realm="ses"' } : {}),
      ...(problem.retryAfterSeconds !== undefined ? { 'retry-after': String(problem.retryAfterSeconds) } : {}),
      // The rest of an oversized body is not read: the connection cannot carry another request.
      ...(problem.status === 413 ? { connection: 'close' } : {}),
    },
    body: JSON.stringify(problemDocument(problem, instance)),
  };
};

/** problemAnswer for whatever a request threw, kept for the request's log line (a 500's cause chain). */
export const errorAnswer = (c: Context<ApiEnv>, error: unknown): StoredAnswer => {
  c.set('failure', serverFailureOf(error));
  return problemAnswer(error, c.req.path);
};

export const respond = (answer: StoredAnswer, extraHeaders: Record<string, string> = {}): Response =>
  new Response(answer.body, { status: answer.status, headers: { ...answer.headers, ...extraHeaders } });

/** Lines pulled one chunk at a time as the client reads: memory stays one page of the store, whatever the size. */
const streamOf = (lines: AsyncIterable<string>): ReadableStream<Uint8Array> => {
  const iterator = lines[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
};

const storedAnswer = (answer: Exclude<Answer, { lines: AsyncIterable<string> }>): StoredAnswer =>
  'text' in answer
    ? { status: answer.status, headers: { 'content-type': answer.contentType }, body: answer.text }
    : {
        status: answer.status,
        headers: { 'content-type': 'application/json; charset=utf-8', ...(answer.etag !== undefined ? { etag: etagOf(answer.etag) } : {}) },
        body: JSON.stringify(answer.body),
      };

const EMPTY_QUERY = z.strictObject({});
const PURPOSE = z.string().min(1).optional().describe('why the case is read (or the X-Purpose header): the access log records it');

/** The query parameters a route takes: its own, and `purpose` on a read of a case. */
export const queryOf = (route: ApiRoute): z.ZodObject<z.ZodRawShape> => {
  const own = route.query ?? EMPTY_QUERY;
  return route.readsCase ? own.extend({ purpose: PURPOSE }) : own;
};

const unwrap = (schema: z.ZodType): z.ZodType => {
  const inner = (schema as { _zod: { def: { innerType?: z.ZodType } } })._zod.def.innerType;
  return inner ? unwrap(inner) : schema;
};

const parseQuery = (route: ApiRoute, given: Record<string, string[]>): Record<string, unknown> => {
  const schema = queryOf(route);
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(given).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const takes = known.length > 0 ? `it takes ${known.join(', ')}` : 'it takes none';
    throw new ProblemError({
      status: 400,
      error: 'unknown-parameter',
      message: `${route.method.toUpperCase()} ${route.path} does not take ${unknown.map((n) => `"${n}"`).join(', ')}; ${takes}`,
      issues: unknown.map((name) => ({ field: `query.${name}`, rule: 'unknown-parameter', message: `unknown query parameter; ${takes}` })),
    });
  }
  // A repeatable parameter (an array in the schema) keeps every value; any other keeps its single value.
  const values = Object.fromEntries(
    Object.entries(given).map(([name, list]) => [name, unwrap(schema.shape[name] as z.ZodType) instanceof z.ZodArray || list.length > 1 ? list : list[0]]),
  );
  return parseInput(schema, values, 'query') as Record<string, unknown>;
};

/** `If-Match: "7"` (or `*`, any revision) on a route that takes it; refused where it cannot be honoured. */
const ifMatchOf = (route: ApiRoute, header: string | undefined): number | undefined => {
  if (header === undefined || header.trim() === '*') return undefined;
  if (!route.ifMatch) {
    throw new ProblemError({
      status: 400,
      error: 'if-match.not-supported',
      message: `${route.method.toUpperCase()} ${route.path} takes no If-Match: it changes no existing case`,
      issues: [{ field: 'If-Match', rule: 'not-supported', message: 'not taken here' }],
    });
  }
  const match = /^\s*"(\d{1,15})"\s*$/.exec(header);
  if (!match) {
    throw new ProblemError({
      status: 400,
      error: 'if-match.malformed',
      message: `If-Match must be the ETag of the case as read, e.g. "7" (quotes included), not ${header}`,
      issues: [{ field: 'If-Match', rule: 'format', message: 'a strong entity tag "N"' }],
    });
  }
  return Number(match[1]);
};

/** The 404 or 405 of a request no route answers. */
export const noRouteAnswer = (routes: readonly ApiRoute[], c: Context): Response => {
  const path = c.req.path;
  const allowed = routes.filter((r) => new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path)).map((r) => r.method.toUpperCase());
  const problem =
    allowed.length > 0
      ? new ProblemError({
          status: 405,
          error: 'method-not-allowed',
          message: `${c.req.method} is not allowed on ${path}; use ${[...new Set(allowed)].join(' or ')}`,
        })
      : new ProblemError({ status: 404, error: 'not-found', message: `no route ${c.req.method} ${path}; the routes are listed at /openapi.json and /docs` });
  return respond(problemAnswer(problem, path), allowed.length > 0 ? { allow: [...new Set(allowed)].join(', ') } : {});
};
