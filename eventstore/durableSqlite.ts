import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens (creating if needed) a SQLite file for records that must outlive a crash: the event
 * store and the access log. Several connections and processes may share the file.
 */
export function openDurableSqlite(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the write resolves (rule 2: durable before anyone acts on it).
  db.pragma('synchronous = FULL');
  // Another connection or process holding the write lock is waited for, not failed on.
  db.pragma('busy_timeout = 10000');
  return db;
}
