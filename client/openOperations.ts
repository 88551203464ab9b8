import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { EventStore } from '../eventstore/eventStore';
import { Audit } from './audit';
import { AccessLog } from './auditor/accessLog';
import type { Config } from './config';
import { Delegations } from './delegations';
import { NotificationOutbox } from './notifications/outbox';
import { People } from './auth/people';
import { Operations } from './operations';
import { processCasesFor } from './processRegistry';
import { QrbCases } from './qrbCases';
import { ReadModel } from './readModel/readModel';
import { wallClock } from './wallClock';

/** Where the read model and the access log live: beside the data, never in the event store. */
export const readModelPath = (config: Config): string => join(config.DATA_DIR, 'read-model.db');
export const accessLogPath = (config: Config): string => join(config.DATA_DIR, 'access-log.db');
/** The notification outbox: its checkpoint, the messages and their delivery. */
export const notificationsPath = (config: Config): string => join(config.DATA_DIR, 'notifications.db');
/** The API's Idempotency-Key answers (kept a day). */
export const idempotencyKeysPath = (config: Config): string => join(config.DATA_DIR, 'idempotency.db');

/**
 * Everything the CLI and the API act through, opened from the configuration.
 * `follow`: keep the read model up to date live (the API); every read-model
 * query also catches up first, so the CLI needs no follower.
 */
export const openOperations = (config: Config, client: Client, store: EventStore, options: { follow: boolean }): { operations: Operations; notifications: NotificationOutbox; close(): Promise<void> } => {
  const readModel = ReadModel.open(readModelPath(config));
  const accessLog = AccessLog.open(accessLogPath(config));
  const notifications = NotificationOutbox.open(notificationsPath(config), People.fromFile(config.AUTH_USERS_FILE));
  if (options.follow) {
    readModel.follow(store, { onError: (error) => console.error(`read model: ${error.message}`) });
    notifications.follow(store, (error) => console.error(`notifications: ${error.message}`));
  }
  const operations = new Operations({
    qrb: new QrbCases(client, config.TASK_QUEUE),
    processes: processCasesFor(client, config.TASK_QUEUE),
    audit: new Audit(store),
    delegations: new Delegations(store),
    store,
    readModel,
    accessLog,
    notifications,
    now: wallClock,
  });
  return {
    operations,
    notifications,
    async close() {
      await readModel.close();
      await notifications.close();
      accessLog.close();
    },
  };
};
