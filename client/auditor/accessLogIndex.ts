import type Database from 'better-sqlite3';
import { openSharedSqlite } from '../../eventstore/durableSqlite';
import { ACCESS_LOG_CATEGORY, dayOfAccessLogStream, parseRecordDisclosed } from '../../domain/disclosure';
import type { EventStore } from '../../eventstore/eventStore';

/** Where an access-log entry is: its day stream's day and its revision there. */
export type EntryPlace = [day: string, revision: number];

/** What the entries are found by: a case (its stream) they name, or the person who read. */
export type IndexedBy = 'stream' | 'person';

/** The access log's day streams, each with its day and last revision, found by their name's prefix. */
export const accessLogDays = async (store: EventStore): Promise<{ day: string; stream: string; lastRevision: number }[]> =>
  (await store.listStreams({ prefix: ACCESS_LOG_CATEGORY })).flatMap(({ stream, lastRevision }) => {
    const day = dayOfAccessLogStream(stream);
    return day === null ? [] : [{ day, stream, lastRevision }];
  });

/** Events of a day stream read at a time while the index catches up. */
const READ_BATCH = 500;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS indexed_days (day TEXT PRIMARY KEY, last_revision INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS entry_places (
    indexed_by TEXT NOT NULL,
    key TEXT NOT NULL,
    day TEXT NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (indexed_by, key, day, revision)
  ) WITHOUT ROWID;
`;

/** A case's or a person's entries after a place, up to a day, in recording order: a range of the primary key. */
export const ENTRY_PLACES_SQL =
  'SELECT day, revision FROM entry_places WHERE indexed_by = @indexedBy AND key = @key AND (day, revision) > (@day, @revision) AND day <= @toDay ' +
  'ORDER BY day, revision LIMIT @limit';

/**
 * Where the access log's entries are, by the cases they name and by the person who read: an
 * auditor's listing for one case or one person reads those entries only, not every entry
 * recorded. The entries stay in the event store; this keeps their places, caught up from the
 * day streams alone (each day's indexed revision beside it), so nothing else in the store need
 * fold. A file beside the data (or ':memory:'), which several processes may share.
 */
export class AccessLogIndex {
  private readonly statements;
  private readonly indexDay;

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      indexedDays: db.prepare<[], { day: string; last_revision: number }>('SELECT day, last_revision FROM indexed_days'),
      indexedRevision: db.prepare<[string], number>('SELECT last_revision FROM indexed_days WHERE day = ?').pluck(),
      addPlace: db.prepare('INSERT OR IGNORE INTO entry_places (indexed_by, key, day, revision) VALUES (?, ?, ?, ?)'),
      setIndexed: db.prepare(
        'INSERT INTO indexed_days (day, last_revision) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last_revision = excluded.last_revision',
      ),
      places: db.prepare<
        [{ indexedBy: IndexedBy; key: string; day: string; revision: number; toDay: string; limit: number }],
        { day: string; revision: number }
      >(ENTRY_PLACES_SQL),
    };
    // Another process may have indexed part of the batch meanwhile: only what lies past the day's indexed revision is added.
    this.indexDay = db.transaction((day: string, entries: { revision: number; personId: string; streams: readonly string[] }[]) => {
      const indexed = this.statements.indexedRevision.get(day) ?? -1;
      const fresh = entries.filter((entry) => entry.revision > indexed);
      for (const { revision, personId, streams } of fresh) {
        this.statements.addPlace.run('person', personId, day, revision);
        for (const stream of streams) this.statements.addPlace.run('stream', stream, day, revision);
      }
      if (fresh.length > 0) this.statements.setIndexed.run(day, fresh.at(-1)!.revision);
    });
  }

  /** Opens (creating if needed) the index at `path`; ':memory:' for one only this process uses. */
  static open(path: string): AccessLogIndex {
    const db = openSharedSqlite(path);
    db.exec(SCHEMA);
    return new AccessLogIndex(db);
  }

  /** Indexes what the day streams gained since the last catch-up: one listing of the day streams, then their new entries only. */
  async catchUp(store: EventStore): Promise<void> {
    const indexed = new Map(this.statements.indexedDays.all().map((row) => [row.day, row.last_revision]));
    for (const { day, stream, lastRevision } of await accessLogDays(store)) {
      for (let revision = (indexed.get(day) ?? -1) + 1; revision <= lastRevision;) {
        const events = await store.readStream(stream, revision, READ_BATCH);
        if (events.length === 0) break;
        this.indexDay.immediate(
          day,
          events.map((event) => ({ revision: event.revision, ...parseRecordDisclosed(event) })),
        );
        revision = events.at(-1)!.revision + 1;
      }
    }
  }

  /** The places of at most `limit` entries of the case or person after `after` (from the first without it), up to `toDay`, in recording order. */
  placesOf(indexedBy: IndexedBy, key: string, after: EntryPlace | undefined, limit: number, toDay = '9999-12-31'): EntryPlace[] {
    const [day, revision] = after ?? ['', -1];
    return this.statements.places.all({ indexedBy, key, day, revision, toDay, limit }).map((row) => [row.day, row.revision]);
  }

  close(): void {
    this.db.close();
  }
}
