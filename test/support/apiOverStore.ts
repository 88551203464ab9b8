import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Authenticator } from '../../client/auth/authenticator';
import { loadConfig } from '../../client/config';
import { createApiApp } from '../../client/http/apiServer';
import { IdempotencyKeys } from '../../client/http/idempotencyKeys';
import { openOperations } from '../../client/openOperations';
import { SqliteEventStore } from '../../eventstore/sqliteEventStore';

export interface ApiOverStore {
  store: SqliteEventStore;
  /** A request as `person` (a token minted for them), with any extra headers; a GET unless `init` says otherwise (a POST's method and body). */
  call(person: string, path: string, headers?: Record<string, string>, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The API app over a real SQLite store in a temp folder, without Temporal: for reads that never
 * ask a workflow (lists, the access log, exports), fed by appending events the deciders record.
 * Temporal's address is one nobody listens on, so a read that did ask it would fail loudly.
 */
export const apiOverStore = async (name: string): Promise<ApiOverStore> => {
  const dir = mkdtempSync(join(tmpdir(), `ses-${name}-`));
  const store = SqliteEventStore.open(join(dir, 'events.db'));
  const config = loadConfig({ DATA_DIR: dir, AUTH_USERS_FILE: join(__dirname, '..', '..', 'config', 'users.json') });
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const opened = await openOperations(config, new Client({ connection }), store, { follow: false });
  const authenticator = await Authenticator.fromConfig(config);
  const idempotency = IdempotencyKeys.open(':memory:');
  const app = createApiApp({ operations: opened.operations, authenticator, idempotency });
  const tokens = new Map<string, string>();
  return {
    store,
    async call(person, path, headers = {}, init = {}) {
      if (!tokens.has(person)) tokens.set(person, (await authenticator.mint(person)).token);
      return app.request(path, { ...init, headers: { authorization: `Bearer ${tokens.get(person)}`, ...headers } });
    },
    async close() {
      await opened.close();
      idempotency.close();
      await connection.close().catch(() => undefined);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
