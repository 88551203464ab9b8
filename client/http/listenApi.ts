import type { Client } from '@temporalio/client';
import type { EventStore } from '../../eventstore/eventStore';
import { Authenticator } from '../auth/authenticator';
import type { Config } from '../config';
import type { Observability } from '../observability/observability';
import { idempotencyKeysPath, openOperations } from '../openOperations';
import { PROCESS_DEFINITIONS } from '../processRegistry';
import { createApiServer } from './apiServer';
import { IdempotencyKeys } from './idempotencyKeys';

/** The API as `npm start` and `npm run api` run it: tokens, operations and their read model, listening on API_HOST:API_PORT. */
export const listenApi = async (config: Config, client: Client, store: EventStore, observability?: Observability): Promise<{ url: string; close(): Promise<void> }> => {
  const authenticator = await Authenticator.fromConfig(config);
  const opened = openOperations(config, client, store, { follow: true });
  const idempotency = IdempotencyKeys.open(idempotencyKeysPath(config));
  const server = createApiServer({ operations: opened.operations, authenticator, processes: PROCESS_DEFINITIONS, idempotency, observability });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`API port ${config.API_PORT} is in use; set API_PORT to a free port`) : error),
    );
    server.listen(config.API_PORT, config.API_HOST, resolve);
  });
  return {
    url: `http://${config.API_HOST}:${config.API_PORT}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      idempotency.close();
      await opened.close();
    },
  };
};
