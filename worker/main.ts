import { NativeConnection } from '@temporalio/worker';
import { loadConfig, temporalAddressOf } from '../client/config';
import { openEventStore } from '../eventstore/openEventStore';
import { createWorker } from './createWorker';

/** `npm run worker`: a worker joining an existing Temporal cluster (set TEMPORAL_ADDRESS). */
const main = async (): Promise<void> => {
  const config = loadConfig();
  const address = temporalAddressOf(config);
  const store = await openEventStore(config.EVENTSTORE_URL);
  const connection = await NativeConnection.connect({ address });
  const worker = await createWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TASK_QUEUE, store });
  console.log(`worker polling task queue "${config.TASK_QUEUE}" on ${address} (namespace ${config.TEMPORAL_NAMESPACE}); Ctrl-C stops it`);
  await worker.run(); // the SDK shuts down gracefully on SIGINT/SIGTERM
  await connection.close();
  await store.close();
};

main().catch((error: unknown) => {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
