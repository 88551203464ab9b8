import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config';
import { createLogger, type Logger } from './logger';
import { ApiMetrics, countRequests, metricsEndpoint } from './metrics';
import { logRequests, requestIds, type ObservedEnv } from './requestLog';
import { traceRequests } from './requestTracing';
import { tracingFromConfig, type Tracing } from './tracing';

/** The API's logs, traces and metrics, made once per process and handed to the app. */
export interface Observability {
  logger: Logger;
  tracing: Tracing;
  metrics: ApiMetrics;
  /** METRICS_TOKEN: when set, GET /metrics asks for it as a bearer token. */
  metricsToken?: string;
}

/**
 * From the configuration: LOG_LEVEL, OTEL_EXPORTER_OTLP_ENDPOINT, METRICS_TOKEN. `service`: "api", or
 * "ses" for `npm start`; a process that made its tracing (one per process) or logger already passes them.
 */
export const observabilityFromConfig = (config: Config, service: string, made: { tracing?: Tracing; logger?: Logger } = {}): Observability => ({
  logger: made.logger ?? createLogger({ level: config.LOG_LEVEL, service }),
  tracing: made.tracing ?? tracingFromConfig(config, `ses-${service}`),
  metrics: new ApiMetrics(),
  ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
});

/**
 * The request middlewares, outermost first: the server span, the request id, the
 * request log line, the request metrics. Mount them before everything else:
 * `app.use('*', ...observeRequests(observability))`.
 */
export const observeRequests = (observability: Observability): MiddlewareHandler<ObservedEnv>[] => [
  traceRequests(observability.tracing.tracer),
  requestIds(),
  logRequests(observability.logger),
  countRequests(observability.metrics),
];

/** GET /metrics (Prometheus text): `app.get('/metrics', serveMetrics(observability))`, outside authentication. */
export const serveMetrics = (observability: Observability) => metricsEndpoint(observability.metrics, observability.metricsToken);
