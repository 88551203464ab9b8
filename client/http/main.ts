import { Client, Connection } from '@temporalio/client';
import { ConfigError, loadConfig, temporalAddressOf } from '../config';
import { openEventStore } from '../../eventstore/openEventStore';
import { listenApi } from './listenApi';

/**
 * `npm run api`: the HTTP API alone, joining a running cluster (TEMPORAL_ADDRESS, or the
 * embedded dev server `npm start` runs) and the event store; a worker runs elsewhere.
 */
const main = async (): Promise<void> => {
  const config = loadConfig();
  const connection = await Connection.connect({ address: temporalAddressOf(config), connectTimeout: '5 seconds' });
  const store = await openEventStore(config.EVENTSTORE_URL);
  const api = await listenApi(config, new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), store);
  console.log(`SES API on ${api.url} (Temporal ${temporalAddressOf(config)}, event store ${config.EVENTSTORE_URL}); Ctrl-C stops it`);
  const stop = async (): Promise<void> => {
    await api.close();
    await connection.close();
    await store.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `npm run api: ${error.message}` : `npm run api failed: ${(error as Error).message}`);
  process.exit(1);
});
