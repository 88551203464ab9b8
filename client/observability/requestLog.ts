import { randomUUID } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../auth/principal';
import type { Logger } from './logger';
import type { ServerFailure } from './serverFailure';

/** What the request middlewares read from the context: the auth step's person, the request id, and what a failed request threw. */
export type ObservedEnv = { Variables: { principal?: Principal; requestId?: string; failure?: ServerFailure } };

/**
 * The route pattern a request matched (`/qrb-cases/:caseId/votes`), read after the
 * handler ran: never the raw path, so no case id or query string reaches a log line,
 * a span name or a metric label. A request no route matched is "(unmatched)".
 */
export const routeOf = (c: Parameters<MiddlewareHandler>[0]): string => {
  const route = c.req.routePath;
  return route === '' || route === '*' || route === '/*' ? '(unmatched)' : route;
};

const SANE_REQUEST_ID = /^[\w=-]{1,128}$/;

/**
 * X-Request-Id: the caller's, if it is 1-128 characters of letters, digits, `_`, `-`
 * or `=`, else a new UUID; in the context as `requestId`, and echoed in the response's
 * X-Request-Id. (Set after the handler: the API's handlers build their own Response,
 * which would not carry a header set before them.)
 */
export const requestIds = (): MiddlewareHandler<ObservedEnv> =>
  async function requestId(c, next) {
    const given = c.req.header('x-request-id');
    const id = given !== undefined && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    c.set('requestId', id);
    await next();
    c.header('X-Request-Id', id);
  };

/**
 * One JSON line per request, after it is answered: `requestId`, `person` (the
 * authenticated principal's id, null when the call was refused before that), `method`,
 * `route` (the pattern), `status`, `ms` (latency), with tracing on `traceId`, and on a
 * server error (5xx) what was thrown, as `failure` (ServerFailure). Nothing else: no body,
 * no query string, no case id, no name. Server errors are logged at error level,
 * everything else at info. Mount after requestIds().
 */
export const logRequests = (logger: Logger): MiddlewareHandler<ObservedEnv> =>
  async function logRequest(c, next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      const status = c.res.status;
      const line = {
        requestId: c.get('requestId') ?? null,
        person: c.get('principal')?.id ?? null,
        method: c.req.method,
        route: routeOf(c),
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...traceIdOfActiveSpan(),
        ...(status >= 500 && c.get('failure') ? { failure: c.get('failure') } : {}),
      };
      if (status >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    }
  };

/** The trace the request's server span belongs to (traceRequests, mounted before), to find its spans from a log line. */
const traceIdOfActiveSpan = (): { traceId?: string } => {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? { traceId: spanContext.traceId } : {};
};
