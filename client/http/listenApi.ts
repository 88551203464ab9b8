import type { Client } from '@temporalio/client';
import type { EventStore } from '../../eventstore/eventStore';
import { Authenticator } from '../auth/authenticator';
import { WebSessions } from '../auth/webSessions';
import type { Config } from '../config';
import type { Observability } from '../observability/observability';
import { idempotencyKeysPath, openOperations } from '../openOperations';
import { PayloadEncryptionCodec } from '../payloadEncryption';
import type { PayloadKeyring } from '../payloadKeyring';
import { createApiServer } from './apiServer';
import { temporalUiOrigins } from './codecRoutes';
import { IdempotencyKeys } from './idempotencyKeys';
import { RequestRateLimits } from './requestRateLimits';
import { NotificationDelivery, smtpMailer } from '../notifications/delivery';
import { createLogger } from '../observability/logger';

/** The API as `npm start` and `npm run api` run it: tokens, operations and their read model, listening on API_HOST:API_PORT. */
export const listenApi = async (
  config: Config,
  client: Client,
  store: EventStore,
  keyring: PayloadKeyring,
  observability?: Observability,
): Promise<{ url: string; close(): Promise<void> }> => {
  const authenticator = await Authenticator.fromConfig(config);
  const opened = await openOperations(config, client, store, { follow: true });
  const idempotency = IdempotencyKeys.open(idempotencyKeysPath(config));
  const web = { config, sessions: await WebSessions.fromConfig(config) };
  const temporalCodec = { codec: new PayloadEncryptionCodec(keyring), origins: temporalUiOrigins(config) };
  const server = createApiServer({
    operations: opened.operations,
    authenticator,
    idempotency,
    observability,
    web,
    temporalCodec,
    rateLimits: RequestRateLimits.fromConfig(config),
  });
  const url = `http://${config.API_HOST}:${config.API_PORT}`;
  // Mail when an SMTP server is configured; the notifications are in the application either way.
  const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.NOTIFY_FROM) : null;
  const delivery = mailer
    ? new NotificationDelivery(opened.notifications, {
        send: mailer.send,
        baseUrl: config.APP_URL ?? url,
        retryBaseMs: config.NOTIFY_RETRY_MS,
        claimMs: config.NOTIFY_CLAIM_MS,
        log: observability?.logger ?? createLogger({ level: config.LOG_LEVEL, service: 'ses-notifier' }),
      })
    : null;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`API port ${config.API_PORT} is in use; set API_PORT to a free port`) : error),
    );
    server.listen(config.API_PORT, config.API_HOST, resolve);
  });
  delivery?.start();
  return {
    url,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await delivery?.stop();
      mailer?.close();
      idempotency.close();
      await opened.close();
    },
  };
};
