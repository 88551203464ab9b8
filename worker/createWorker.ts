import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createEventStoreActivities } from '../activities/appendEvents';
import { NO_TRACING, type Tracing } from '../client/observability/tracing';
import type { EventStore } from '../eventstore/eventStore';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  store: EventStore;
  /**
   * sealedDataConverter(keyring): payloads and failures sealed as every client seals them.
   * A pre-built bundle must hold its failure converter (failureConverterPath).
   */
  dataConverter: DataConverter;
  /** A pre-built bundle (tests build it once, with workflowInterceptorModules()); absent means bundle workflows/ now. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Where the workflows' and activities' spans go; absent: nowhere. */
  tracing?: Tracing;
  /**
   * Workflows kept in memory between tasks (absent: the SDK's default). 0 also turns off the sticky
   * task queue: a test's worker that another replaces on the time-skipping server, which never moves
   * a stopped worker's sticky tasks back to the task queue.
   */
  maxCachedWorkflows?: number;
}

/**
 * The workflow interceptors of Temporal's OpenTelemetry package, always in the
 * bundle: the workflow code is the same whether traces are exported or not (its
 * spans reach the worker through the `exporter` sink, which drops them when
 * tracing is off), so turning tracing on or off never changes what replays.
 */
export const workflowInterceptorModules = (): string[] => [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];

/** The sink the workflow interceptors hand their spans to: every worker on the bundle registers it, replay workers too. */
export const workflowSinks = (tracing: Tracing = NO_TRACING) => ({ exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) });

/** The one worker: every process workflow, and the activities that write to the event store. */
export const createWorker = ({
  connection,
  namespace,
  taskQueue,
  store,
  dataConverter,
  workflowBundle,
  tracing = NO_TRACING,
  maxCachedWorkflows,
}: CreateWorkerOptions): Promise<Worker> =>
  Worker.create({
    connection,
    namespace,
    taskQueue,
    dataConverter,
    ...(maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows }),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: workflowsPath() }),
    interceptors: {
      // Bundling here includes them; a pre-built bundle must have been built with them.
      ...(workflowBundle ? {} : { workflowModules: workflowInterceptorModules() }),
      // An activity's span continues the trace of the workflow that scheduled it.
      activity: tracing.enabled
        ? [
            (ctx) => ({
              inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }),
              outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
            }),
          ]
        : [],
    },
    sinks: workflowSinks(tracing),
    activities: createEventStoreActivities(store, tracing.tracer),
  });

export const workflowsPath = (): string => require.resolve('../workflows');
