import { trace, type Tracer } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NoopSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Config } from '../config';

/**
 * Where spans go. One per process: the HTTP API's server spans, the Temporal
 * client's and the activities' spans (Temporal's OpenTelemetry interceptors, with
 * `tracer`), the workflows' spans (made inside the workflow sandbox and handed to
 * `spanProcessor` through the worker's exporter sink, with `resource`) and the
 * event-store append span all end up in the same processor.
 */
export interface Tracing {
  /** false: nothing is recorded or exported, and the client and activities get no tracing interceptors. */
  readonly enabled: boolean;
  readonly tracer: Tracer;
  readonly spanProcessor: SpanProcessor;
  readonly resource: Resource;
  /** Exports what is pending and stops. */
  shutdown(): Promise<void>;
}

/** No exporter configured: a no-op tracer, and workflow spans are dropped at the worker. */
export const NO_TRACING: Tracing = {
  enabled: false,
  // The global tracer: a no-op as long as no provider is registered (startTracing registers one).
  tracer: trace.getTracer('ses-personnel-actions'),
  spanProcessor: new NoopSpanProcessor(),
  resource: Resource.empty() as Resource,
  shutdown: async () => undefined,
};

export interface TracingOptions {
  /** service.name of the spans: "ses-api", "ses-worker", or "ses" for `npm start` (both in one process). */
  serviceName: string;
  /** The OTLP/HTTP exporter in production; tests pass an InMemorySpanExporter. */
  exporter: SpanExporter;
  /** Export each span as it ends (tests) instead of in batches (the default). */
  exportEachSpan?: boolean;
}

/**
 * Starts recording spans into `exporter`. It registers the provider globally: its
 * AsyncLocalStorage context manager carries the active span through awaits, and its
 * W3C trace-context propagator is what Temporal's interceptors write into, and read
 * from, the headers of workflow starts, updates and activities. Once per process.
 */
export const startTracing = ({ serviceName, exporter, exportEachSpan = false }: TracingOptions): Tracing => {
  const resource = new Resource({ 'service.name': serviceName });
  const spanProcessor = exportEachSpan ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  return {
    enabled: true,
    tracer: provider.getTracer('ses-personnel-actions'),
    spanProcessor,
    resource,
    shutdown: () => provider.shutdown(),
  };
};

/** OTEL_EXPORTER_OTLP_ENDPOINT set: spans go to `<endpoint>/v1/traces` over OTLP/HTTP; absent: NO_TRACING. */
export const tracingFromConfig = (config: Pick<Config, 'OTEL_EXPORTER_OTLP_ENDPOINT'>, serviceName: string): Tracing => {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint === undefined) return NO_TRACING;
  // Loaded only when spans are exported: the exporter and its HTTP stack cost every process some 36 ms to load,
  // a tenth of a `ses` command's start, with tracing off as it usually is.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  return startTracing({ serviceName, exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }) });
};
