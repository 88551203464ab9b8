import { timingSafeEqual } from 'node:crypto';
import type { Handler, MiddlewareHandler } from 'hono';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { routeOf } from './requestLog';

/**
 * The API's Prometheus metrics, in a registry of their own: requests by method,
 * route pattern and status, their latency, and Node's process metrics (CPU, memory,
 * event loop lag, GC). Labels are route patterns, never paths, so no case id is a label.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'ses_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'ses_http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

/** Counts and times every request (after it is answered). */
export const countRequests = (metrics: ApiMetrics): MiddlewareHandler =>
  async function countRequest(c, next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      const labels = { method: c.req.method, route: routeOf(c), status: String(c.res.status) };
      metrics.requests.inc(labels);
      metrics.duration.observe(labels, (performance.now() - started) / 1000);
    }
  };

/**
 * GET /metrics: Prometheus text. With a token (METRICS_TOKEN) the scraper must send
 * `Authorization: Bearer <token>`; without one the endpoint is open, which is safe only
 * where the API listens on a private address (the default is 127.0.0.1).
 */
export const metricsEndpoint = (metrics: ApiMetrics, token?: string): Handler =>
  async function serveMetrics(c) {
    if (token !== undefined && !sameSecret(c.req.header('authorization') ?? '', `Bearer ${token}`)) {
      return c.text('metrics need Authorization: Bearer <METRICS_TOKEN>\n', 401, { 'www-authenticate': 'Bearer realm="metrics"' });
    }
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  };

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};
