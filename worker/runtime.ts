import { makeTelemetryFilterString, Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger, LogLevel } from '../client/observability/logger';

export interface WorkerRuntimeOptions {
  /** The process's pino logger: the SDK's own lines, and the native core's, go to it at its level. */
  logger: Logger;
  /** host:port for Temporal's worker metrics in Prometheus text at /metrics; absent or "off": none. */
  metricsAddress?: string;
  /** Signals on which the SDK stops workers by itself (default: the SDK's); `npm start` stops them in order instead. */
  shutdownSignals?: NodeJS.Signals[];
}

/** pino's level names for Temporal's. */
const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
/** The least severe native (core) level worth forwarding for a LOG_LEVEL. */
const CORE_LEVEL: Record<LogLevel, TemporalLogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

/** Temporal's Logger interface over pino: the SDK's metadata (workflow, activity, task queue ids) becomes fields; an error goes under `err`. */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: TemporalLogLevel, message: string, meta?: LogMetadata): void {
    const method = PINO_LEVEL[level];
    if (!this.logger.isLevelEnabled(method)) return;
    const { error, ...fields } = meta ?? {};
    this.logger[method](error instanceof Error ? { ...fields, err: error } : (meta ?? {}), message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/**
 * Installs the process's Temporal Runtime (once, before any worker or native
 * connection): its logs through pino at the logger's level, the native core's logs
 * forwarded to it, and, with `metricsAddress`, the core's worker metrics (task
 * slots, poll and schedule-to-start latencies, sticky cache...) served for Prometheus.
 */
export const installWorkerRuntime = ({ logger, metricsAddress, shutdownSignals }: WorkerRuntimeOptions): Runtime => {
  const prometheus = metricsAddress !== undefined && metricsAddress !== 'off' ? metricsAddress : undefined;
  const options: RuntimeOptions = {
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: CORE_LEVEL[logger.level as LogLevel] ?? 'WARN', other: 'ERROR' }) },
      ...(prometheus ? { metrics: { prometheus: { bindAddress: prometheus } } } : {}),
    },
    ...(shutdownSignals ? { shutdownSignals } : {}),
  };
  return Runtime.install(options);
};
