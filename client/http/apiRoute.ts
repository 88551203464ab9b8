import type { z } from '@hono/zod-openapi';
import type { Principal } from '../auth/principal';

/** What a route's handler is given: the person, the path parameters, the parsed query and body, the preconditions. */
export interface Call<Query> {
  principal: Principal;
  params: Record<string, string>;
  query: Query;
  /** The JSON body (routes with a body): validated by the operation with the route's documented schema. */
  body: unknown;
  /** Why the person reads a case (X-Purpose header or ?purpose=): the access log records it. */
  purpose: string | undefined;
  /** The stream revision of `If-Match` (routes that take it), when the request sends one. */
  expectedRevision: number | undefined;
  /** A POST with an Idempotency-Key: the id its retries share (requestIdOf), sent as the Update's id. */
  requestId: string | undefined;
}

/**
 * A JSON body (with the case's revision as its ETag where it has one), text with its content type,
 * or text streamed as it is read (exports: the answer is never held whole).
 */
export type Answer =
  | { status: number; body: unknown; etag?: number }
  | { status: number; text: string; contentType: string }
  | { status: number; lines: AsyncIterable<string>; contentType: string };

/**
 * One operation of the HTTP API: how it is reached, what it takes, what it
 * answers. The route table serves both the requests and the OpenAPI document,
 * so the two cannot drift apart.
 */
export interface ApiRoute<Query = Record<string, unknown>> {
  method: 'get' | 'post';
  /** OpenAPI form, e.g. /qrb-cases/{caseId}. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Who may call it, in words (the operation enforces it). */
  who: string;
  /** Answers without a token. */
  open?: boolean;
  /** The query parameters it takes; any other is refused. */
  query?: z.ZodObject<z.ZodRawShape>;
  /** The JSON body it takes (documented; the operation validates with this very schema). */
  body?: z.ZodType;
  /** Reads a case: takes a purpose (X-Purpose or ?purpose=) for the access log. */
  readsCase?: boolean;
  /** Answers with the case's stream revision as ETag. */
  etag?: boolean;
  /** Accepts If-Match with that revision, and answers 412 when the case moved on. */
  ifMatch?: boolean;
  success: { status: 200 | 201 | 202; description: string; schema?: z.ZodType; contentType?: string };
  handle: (call: Call<Query>) => Promise<Answer>;
}

/** Keeps a route's query type inside its handler while the table holds routes of every shape. */
export const defineRoute = <Query = Record<string, unknown>>(route: ApiRoute<NoInfer<Query>>): ApiRoute => route as unknown as ApiRoute;
