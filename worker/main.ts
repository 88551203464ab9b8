import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../client/config';
import { createLogger } from '../client/observability/logger';
import { tracingFromConfig } from '../client/observability/tracing';
import { payloadKeyringFromConfig } from '../client/payloadKeyring';
import { temporalTargetOf } from '../client/temporalConnection';
import { sealedDataConverter } from '../client/temporalDataConverter';
import { openEventStore } from '../eventstore/openEventStore';
import { createWorker } from './createWorker';
import { installWorkerRuntime } from './runtime';

/**
 * `npm run worker`: a worker joining an existing Temporal cluster (TEMPORAL_ADDRESS, or a
 * profile of Temporal's environment configuration; absent, the embedded dev server's port).
 */
const main = async (): Promise<void> => {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'worker' });
  installWorkerRuntime({ logger, metricsAddress: config.WORKER_METRICS_ADDRESS });
  const tracing = tracingFromConfig(config, 'ses-worker');
  const target = temporalTargetOf(config);
  const store = await openEventStore(config.EVENTSTORE_URL);
  const connection = await NativeConnection.connect(target.connectionOptions);
  const dataConverter = sealedDataConverter(payloadKeyringFromConfig(config));
  const worker = await createWorker({ connection, namespace: target.namespace, taskQueue: config.TASK_QUEUE, store, dataConverter, tracing });
  const metrics = config.WORKER_METRICS_ADDRESS && config.WORKER_METRICS_ADDRESS !== 'off' ? `http://${config.WORKER_METRICS_ADDRESS}/metrics` : 'off';
  logger.info({ taskQueue: config.TASK_QUEUE, temporal: target.description, metrics, tracing: tracing.enabled }, 'worker polling; Ctrl-C stops it');
  await worker.run(); // the SDK shuts down gracefully on SIGINT/SIGTERM
  await connection.close();
  await store.close();
  await tracing.shutdown();
};

main().catch((error: unknown) => {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
