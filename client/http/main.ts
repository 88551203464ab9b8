import { ConfigError, loadConfig } from '../config';
import { observabilityFromConfig } from '../observability/observability';
import { tracingFromConfig } from '../observability/tracing';
import { payloadKeyringFromConfig } from '../payloadKeyring';
import { connectTemporalClient, temporalTargetOf } from '../temporalConnection';
import { sealedDataConverter } from '../temporalDataConverter';
import { openEventStore } from '../../eventstore/openEventStore';
import { listenApi } from './listenApi';

/**
 * `npm run api`: the HTTP API alone, joining a running cluster (TEMPORAL_ADDRESS or a
 * profile of Temporal's environment configuration, else the embedded dev server
 * `npm start` runs) and the event store; a worker runs elsewhere.
 */
const main = async (): Promise<void> => {
  const config = loadConfig();
  const target = temporalTargetOf(config);
  const tracing = tracingFromConfig(config, 'ses-api');
  const keyring = payloadKeyringFromConfig(config);
  const { connection, client } = await connectTemporalClient(target, { dataConverter: sealedDataConverter(keyring), tracing });
  const store = await openEventStore(config.EVENTSTORE_URL);
  const api = await listenApi(config, client, store, keyring, observabilityFromConfig(config, 'api', { tracing }));
  console.log(`SES API on ${api.url} (Temporal ${target.description}, event store ${config.EVENTSTORE_URL}, metrics ${api.url}/metrics); Ctrl-C stops it`);
  const stop = async (): Promise<void> => {
    await api.close();
    await connection.close();
    await store.close();
    await tracing.shutdown();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `npm run api: ${error.message}` : `npm run api failed: ${(error as Error).message}`);
  process.exit(1);
});
