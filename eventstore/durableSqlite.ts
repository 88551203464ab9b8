import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens (creating it and its folder if needed) a SQLite file that several connections and processes
 * may share: WAL, so readers never wait on a writer, and a writer holding the lock is waited for,
 * not failed on. For files derived from the store (the read model, the access-log index) as it is.
 */
export function openSharedSqlite(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  return db;
}

/** openSharedSqlite for records that must outlive a crash: the event store, the access log, the outbox, the Idempotency-Keys. */
export function openDurableSqlite(path: string): Database.Database {
  const db = openSharedSqlite(path);
  // FULL: a commit is on disk before the write resolves (rule 2: durable before anyone acts on it).
  db.pragma('synchronous = FULL');
  return db;
}
