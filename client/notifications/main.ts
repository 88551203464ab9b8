import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../observability/logger';
import { notificationsPath } from '../openOperations';
import { openEventStore } from '../../eventstore/openEventStore';
import { NotificationDelivery, smtpMailer } from './delivery';
import { NotificationOutbox } from './outbox';
import { People } from '../auth/people';

/**
 * `npm run notifier`: the notification outbox and its mail delivery on their own,
 * beside a worker and an API that run elsewhere (`npm start` runs them inside the
 * API). Any number may run on one DATA_DIR: the outbox's checkpoint and each row's
 * claim keep a notification from being made or sent twice.
 */
const main = async (): Promise<void> => {
  const config = loadConfig();
  if (!config.SMTP_URL) throw new ConfigError('invalid configuration: SMTP_URL is required for the notifier (e.g. smtp://127.0.0.1:1025)');
  const log = createLogger({ level: config.LOG_LEVEL, service: 'ses-notifier' });
  const store = await openEventStore(config.EVENTSTORE_URL);
  const outbox = NotificationOutbox.open(notificationsPath(config), People.fromFile(config.AUTH_USERS_FILE));
  await outbox.catchUp(store);
  const following = outbox.follow(store, (error) => log.error({ err: error }, 'notification outbox stopped following the store'));
  const mailer = smtpMailer(config.SMTP_URL, config.NOTIFY_FROM);
  const delivery = new NotificationDelivery(outbox, {
    send: mailer.send,
    baseUrl: config.APP_URL ?? `http://${config.API_HOST}:${config.API_PORT}`,
    retryBaseMs: config.NOTIFY_RETRY_MS,
    claimMs: config.NOTIFY_CLAIM_MS,
    log,
  });
  delivery.start(500);
  log.info({ store: config.EVENTSTORE_URL }, 'notifier running');
  const stop = async (): Promise<void> => {
    await delivery.stop();
    await following.close();
    await outbox.close();
    mailer.close();
    await store.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `npm run notifier: ${error.message}` : `npm run notifier failed: ${(error as Error).message}`);
  process.exit(1);
});
