import { context, propagation, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import { routeOf } from './requestLog';

/**
 * The server span of each request, active while the handler runs, so the Temporal
 * client's spans (and through Temporal's headers the workflow's, the activity's and the
 * store append's) are its children. A W3C `traceparent` from the caller is continued.
 * Its name is `METHOD /route/:pattern`, set once the route is known; its attributes are
 * the method, the route pattern and the status: never the URL, the query or a body.
 * With tracing off the tracer is a no-op and this costs next to nothing.
 */
export const traceRequests = (tracer: Tracer): MiddlewareHandler =>
  async function traceRequest(c, next) {
    const parent = propagation.extract(context.active(), Object.fromEntries(c.req.raw.headers));
    await tracer.startActiveSpan(c.req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': c.req.method } }, parent, async (span) => {
      try {
        await next();
      } finally {
        const route = routeOf(c);
        const status = c.res.status;
        span.updateName(`${c.req.method} ${route}`);
        span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
  };
