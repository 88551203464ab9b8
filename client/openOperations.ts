import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { EventStore } from '../eventstore/eventStore';
import { Audit } from './audit';
import { AccessLog } from './auditor/accessLog';
import type { Config } from './config';
import { Delegations } from './delegations';
import { Operations } from './operations';
import { processCasesFor } from './processRegistry';
import { QrbCases } from './qrbCases';
import { ReadModel } from './readModel/readModel';
import { wallClock } from './wallClock';

/** Where the read model and the access log live: beside the data, never in the event store. */
export const readModelPath = (config: Config): string => join(config.DATA_DIR, 'read-model.db');
export const accessLogPath = (config: Config): string => join(config.DATA_DIR, 'access-log.db');
/** The API's Idempotency-Key answers (kept a day). */
export const idempotencyKeysPath = (config: Config): string => join(config.DATA_DIR, 'idempotency.db');

/**
 * Everything the CLI and the API act through, opened from the configuration.
 * `follow`: keep the read model up to date live (the API); every read-model
 * query also catches up first, so the CLI needs no follower.
 */
export const openOperations = (config: Config, client: Client, store: EventStore, options: { follow: boolean }): { operations: Operations; close(): Promise<void> } => {
  const readModel = ReadModel.open(readModelPath(config));
  const accessLog = AccessLog.open(accessLogPath(config));
  if (options.follow) readModel.follow(store, { onError: (error) => console.error(`read model: ${error.message}`) });
  const operations = new Operations({
    qrb: new QrbCases(client, config.TASK_QUEUE),
    processes: processCasesFor(client, config.TASK_QUEUE),
    audit: new Audit(store),
    delegations: new Delegations(store),
    store,
    readModel,
    accessLog,
    now: wallClock,
  });
  return {
    operations,
    async close() {
      await readModel.close();
      accessLog.close();
    },
  };
};
