import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../eventstore/sqliteEventStore';

/** Where a temp store lives: its folder (for files beside it) and its database file. */
export interface TempStorePlace {
  dir: string;
  path: string;
}

/** A real SQLite event store in a fresh temp folder for the length of `body`, then closed and the folder removed. */
export const withTempStore = async <T>(body: (store: SqliteEventStore, place: TempStorePlace) => Promise<T>): Promise<T> => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-store-'));
  const path = join(dir, 'events.db');
  const store = SqliteEventStore.open(path);
  try {
    return await body(store, { dir, path });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
