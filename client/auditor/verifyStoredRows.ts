import Database from 'better-sqlite3';
import { STORED_TEXT_COLUMNS, storedTextOf, type StoredRow } from '../../eventstore/storedEvents';
import { ChainWalk, type ChainLink, type VerifyResult } from '../../eventstore/verifyStream';
import type { Anchor } from './storeCheckpoint';
import { anchored } from './verifyAnchored';

/**
 * Verifies streams of a SQLite store file from its rows' text, on a read-only connection of its
 * own (one per thread: the file is shared, a connection is not). Reads one stream at a time in
 * one call (cheaper than a row at a time for streams of a few events), so memory holds one
 * stream's rows whatever the store's size.
 */
export function storedRowsVerifier(file: string, anchor: Anchor | null): { verify: (streams: readonly string[]) => VerifyResult[]; close: () => void } {
  const db = openReadOnly(file);
  // The table SqliteEventStore writes; the text columns as stored, which the chain check hashes directly when it can.
  const rows = db.prepare<[string], StoredRow>(`SELECT ${STORED_TEXT_COLUMNS} FROM events WHERE stream = ? ORDER BY revision`).raw(true);
  const verifyOne = (stream: string): VerifyResult => {
    const walk = new ChainWalk(stream);
    const links: ChainLink[] = [];
    for (const row of rows.all(stream)) {
      const link = walk.storedText(storedTextOf(row));
      if (!link) break;
      if (anchor) links.push(link);
    }
    return anchored(walk.result(), links, anchor);
  };
  return { verify: (streams) => streams.map(verifyOne), close: () => db.close() };
}

/** better-sqlite3's open error names no file (and reaches another thread as a bare { code }): this one says which file. */
export function openReadOnly(file: string): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`cannot open the event store file ${file} to verify it: ${(error as Error).message}`);
  }
}
