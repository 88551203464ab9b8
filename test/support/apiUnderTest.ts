import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator } from '../../client/auth/authenticator';
import { WebSessions } from '../../client/auth/webSessions';
import { loadConfig, type Config } from '../../client/config';
import { createApiServer } from '../../client/http/apiServer';
import { temporalUiOrigins } from '../../client/http/codecRoutes';
import { PayloadEncryptionCodec } from '../../client/payloadEncryption';
import { AccessLog } from '../../client/auditor/accessLog';
import { AccessLogIndex } from '../../client/auditor/accessLogIndex';
import { Delegations } from '../../client/delegations';
import { IdempotencyKeys } from '../../client/http/idempotencyKeys';
import { RequestRateLimits } from '../../client/http/requestRateLimits';
import type { Observability } from '../../client/observability/observability';
import { NotificationOutbox } from '../../client/notifications/outbox';
import { People } from '../../client/auth/people';
import { accessLogIndexPath, idempotencyKeysPath, notificationsPath, readModelPath } from '../../client/openOperations';
import { casesOfEveryProcess } from '../../client/processCases';
import { Operations } from '../../client/operations';
import { ReadModel } from '../../client/readModel/readModel';
import type { TestStack } from './testStack';
import { TEST_KEYRING } from './testKeyring';

export interface ApiUnderTest {
  base: string;
  config: Config;
  readModel: ReadModel;
  accessLog: AccessLog;
  notifications: NotificationOutbox;
  authenticator: Authenticator;
  /** A fresh dev token for a user of config/users.json. */
  tokenFor(userId: string): Promise<string>;
  /** One call as that user (null: no token); the JSON body back. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies
  call(as: string | null, method: string, path: string, body?: unknown, raw?: string): Promise<{ status: number; body: Record<string, any>; headers: Headers }>;
  stop(): Promise<void>;
}

/** The real API server over a test stack, with its own data folder (signing key, read model following the store, access log). */
export interface ApiUnderTestOptions {
  observability?: Observability;
  /** Settings over the test defaults (e.g. an OIDC issuer). */
  env?: Record<string, string>;
  /** Cases through this Temporal client instead of the stack's (e.g. one that cannot reach any server). */
  temporal?: Client;
}

export const startApiUnderTest = async (stack: TestStack, options: ApiUnderTestOptions = {}): Promise<ApiUnderTest> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-api-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_USERS_FILE: join(__dirname, '..', '..', 'config', 'users.json'), ...options.env });
  const authenticator = await Authenticator.fromConfig(config);
  const readModel = ReadModel.open(readModelPath(config));
  const accessLogIndex = AccessLogIndex.open(accessLogIndexPath(config));
  const accessLog = new AccessLog(stack.store, accessLogIndex);
  const following = readModel.follow(stack.store);
  const notifications = NotificationOutbox.open(notificationsPath(config), People.fromFile(config.AUTH_USERS_FILE));
  const notifying = notifications.follow(stack.store);
  const operations = new Operations({
    processes: options.temporal ? casesOfEveryProcess(options.temporal, stack.taskQueue, stack.now) : stack.processes,
    audit: stack.audit,
    delegations: new Delegations(stack.store, stack.now),
    store: stack.store,
    readModel,
    accessLog,
    notifications,
    now: stack.now,
  });
  const idempotency = IdempotencyKeys.open(idempotencyKeysPath(config));
  const web = { config, sessions: await WebSessions.fromConfig(config) };
  const server: Server = createApiServer({
    operations,
    authenticator,
    idempotency,
    observability: options.observability,
    web,
    temporalCodec: { codec: new PayloadEncryptionCodec(TEST_KEYRING), origins: temporalUiOrigins(config) },
    rateLimits: RequestRateLimits.fromConfig(config),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();
  const tokenFor = async (userId: string) => {
    if (!tokens.has(userId)) tokens.set(userId, (await authenticator.mint(userId)).token);
    return tokens.get(userId)!;
  };
  return {
    base,
    config,
    readModel,
    accessLog,
    notifications,
    authenticator,
    tokenFor,
    async call(as, method, path, body, raw) {
      const response = await fetch(`${base}${path}`, {
        method,
        // Every read says why, as the access log requires; tests of the purpose rule call fetch themselves.
        headers: {
          'content-type': 'application/json',
          'x-purpose': 'integration test',
          ...(as === null ? {} : { authorization: `Bearer ${await tokenFor(as)}` }),
        },
        ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, never>, headers: response.headers };
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await following.close();
      await notifying.close();
      await notifications.close();
      await readModel.close();
      idempotency.close();
      accessLogIndex.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
