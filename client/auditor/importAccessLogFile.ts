import { existsSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import type { AccessLog } from './accessLog';

interface OldAccessRow {
  id: number;
  at: string;
  person_id: string;
  roles: string;
  action: string;
  purpose: string;
  streams: string;
}

export interface AccessLogImport {
  /** The file the entries were read from, now renamed `<file>.imported`. */
  file: string;
  imported: number;
  /** Entries an earlier, interrupted import had already brought in. */
  alreadyThere: number;
}

/** The old file's rows, each with the streams it disclosed. */
const SELECT_OLD = `
  SELECT a.id, a.at, a.person_id, a.roles, a.action, a.purpose,
         (SELECT json_group_array(stream) FROM accessed_streams WHERE access_id = a.id) AS streams
  FROM accesses a ORDER BY a.id`;

/** Derived from the old row, so an import that runs again recognises what it already brought in. */
const causationOf = (row: OldAccessRow): string => `access-log.db#${row.id}`;

/**
 * Brings the access log of the releases that kept it in its own SQLite file (`DATA_DIR/access-log.db`)
 * into the event store, once. The file is first renamed `<file>.importing` (a rename is atomic:
 * of two instances starting together, one imports), then every row not yet in the store (its
 * causation id names the row) is recorded on its own day, then the file becomes `<file>.imported`
 * and is never read again. An import cut short resumes from `.importing` on the next start.
 * Returns null when there is nothing to import.
 */
export async function importAccessLogFile(accessLog: AccessLog, path: string): Promise<AccessLogImport | null> {
  const importing = `${path}.importing`;
  if (existsSync(path)) {
    // Opened and closed first: the last connection folds the write-ahead log into the file, which the rename then carries whole.
    new Database(path).close();
    try {
      renameSync(path, importing);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // another instance took it
    }
  }
  if (!existsSync(importing)) return null;
  const db = new Database(importing, { readonly: true });
  let rows: OldAccessRow[];
  try {
    rows = db.prepare<[], OldAccessRow>(SELECT_OLD).all();
  } finally {
    db.close();
  }
  const recorded = await accessLog.causationIdsOn(rows.map((row) => new Date(row.at).toISOString().slice(0, 10)));
  let imported = 0;
  for (const row of rows) {
    if (recorded.has(causationOf(row))) continue;
    const access = {
      at: row.at,
      personId: row.person_id,
      roles: JSON.parse(row.roles) as unknown,
      action: row.action,
      streams: JSON.parse(row.streams) as unknown,
      purpose: row.purpose,
    };
    await accessLog.record(access, causationOf(row));
    imported += 1;
  }
  renameSync(importing, `${path}.imported`);
  return { file: basename(path), imported, alreadyThere: rows.length - imported };
}
