import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { EventStore } from '../eventstore/eventStore';
import { Audit } from './audit';
import { AccessLog } from './auditor/accessLog';
import { AccessLogIndex } from './auditor/accessLogIndex';
import { CheckpointKey } from './auditor/checkpointKey';
import { Checkpoints } from './auditor/checkpoints';
import { importAccessLogFile } from './auditor/importAccessLogFile';
import type { Config } from './config';
import { Delegations } from './delegations';
import { NotificationOutbox } from './notifications/outbox';
import { People } from './auth/people';
import { Operations } from './operations';
import { casesOfEveryProcess } from './processCases';
import { ReadModel } from './readModel/readModel';
import { wallClock } from './wallClock';

/** Where the read model lives: beside the data, never in the event store. */
export const readModelPath = (config: Config): string => join(config.DATA_DIR, 'read-model.db');
/** The access log's own file of earlier releases: imported into the event store once (client/auditor/importAccessLogFile). */
export const oldAccessLogPath = (config: Config): string => join(config.DATA_DIR, 'access-log.db');
/** Where the access log's entries are, by case and by person (client/auditor/accessLogIndex): refilled from the store when missing. */
export const accessLogIndexPath = (config: Config): string => join(config.DATA_DIR, 'access-log-index.db');
/** The notification outbox: its checkpoint, the messages and their delivery. */
export const notificationsPath = (config: Config): string => join(config.DATA_DIR, 'notifications.db');
/** The API's Idempotency-Key answers (kept a day). */
export const idempotencyKeysPath = (config: Config): string => join(config.DATA_DIR, 'idempotency.db');

/**
 * Everything the CLI and the API act through, opened from the configuration.
 * `follow`: keep the read model up to date live (the API); every read-model
 * query also catches up first, so the CLI needs no follower. The API also signs a
 * checkpoint every CHECKPOINT_INTERVAL_SECONDS while the store moves.
 */
export const openOperations = async (
  config: Config,
  client: Client,
  store: EventStore,
  options: { follow: boolean },
): Promise<{ operations: Operations; notifications: NotificationOutbox; close(): Promise<void> }> => {
  const accessLogIndex = AccessLogIndex.open(accessLogIndexPath(config));
  const accessLog = new AccessLog(store, accessLogIndex);
  const imported = await importAccessLogFile(accessLog, oldAccessLogPath(config));
  if (imported) {
    console.error(
      `access log: imported ${imported.imported} entries of ${imported.file} into the event store (access-YYYY-MM-DD streams; ${imported.alreadyThere} were already there); ` +
        `the file is renamed ${imported.file}.imported and no longer written: keep it archived`,
    );
  }
  const readModel = ReadModel.open(readModelPath(config));
  const notifications = NotificationOutbox.open(notificationsPath(config), People.fromFile(config.AUTH_USERS_FILE));
  if (options.follow) {
    readModel.follow(store, { onError: (error) => console.error(`read model: ${error.message}`) });
    notifications.follow(store, (error) => console.error(`notifications: ${error.message}`));
  }
  const checkpoints = new Checkpoints(store, CheckpointKey.fromConfig(config));
  const checkpointing =
    options.follow && config.CHECKPOINT_INTERVAL_SECONDS > 0
      ? checkpoints.every(config.CHECKPOINT_INTERVAL_SECONDS, (error) => console.error(`checkpoints: ${error.message}`))
      : null;
  const operations = new Operations({
    processes: casesOfEveryProcess(client, config.TASK_QUEUE),
    audit: new Audit(store, checkpoints),
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
      await checkpointing?.stop();
      await readModel.close();
      await notifications.close();
      accessLogIndex.close();
    },
  };
};
