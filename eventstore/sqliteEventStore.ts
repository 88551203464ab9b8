import type Database from 'better-sqlite3';
import type { ProposedEvent, RecordedEvent } from '../domain/eventEnvelope';
import { openDurableSqlite } from './durableSqlite';
import { planAppend, revisionsToCompare, tailOf, validateProposedEvents, type StreamTail, type ValidatedEvent } from './appendPlanner';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ListStreamsOptions,
  ReadAllOptions,
  StreamAllOptions,
  StreamSummary,
  SubscribeOptions,
  Subscription,
} from './eventStore';
import { inPages } from './inPages';
import { readWithinSchema, recordOf, STORED_TEXT_COLUMNS, storedTextOf, toRecordedEvent, type StoredRow } from './storedEvents';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream TEXT NOT NULL,
    revision INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    meta TEXT NOT NULL,
    UNIQUE (stream, revision)
  )`;

/** How long a live subscription sleeps when it has caught up, unless an append through this instance wakes it. */
const POLL_INTERVAL_MS = 75;
const SUBSCRIPTION_PAGE_SIZE = 200;
/** Streams whose tail one store instance remembers; past this the memory is dropped and refilled from the file. */
const MAX_CACHED_TAILS = 10_000;

/**
 * Every read: the event schema's checks without a schema pass over data (proving the hash per read
 * cost more than the schema, measured); a row they do not take gets the full check and its refusal.
 */
function recordedFromRow(raw: StoredRow): RecordedEvent {
  const row = storedTextOf(raw);
  return readWithinSchema(row) ?? toRecordedEvent(recordOf(row), row);
}

function positionAfter(after: string | undefined): bigint {
  if (after === undefined) return 0n;
  if (!/^\d+$/.test(after)) throw new TypeError(`position "${after}" is not a decimal global position`);
  return BigInt(after);
}

/**
 * The streams named `@prefix`…, from a range of the (stream, revision) index rather than every row: text
 * compares as UTF-8 bytes, and no valid UTF-8 after the prefix reaches the bytes F4 90, so the bounds hold
 * every such stream; substr keeps only those.
 */
export const STREAMS_WITH_PREFIX_SQL =
  "SELECT stream, MAX(revision) AS lastRevision FROM events WHERE stream >= @prefix AND stream < @prefix || x'F4908080' AND substr(stream, 1, length(@prefix)) = @prefix GROUP BY stream ORDER BY MIN(position)";

/** The default store: one SQLite file, safe for several connections and processes at once. */
export class SqliteEventStore implements EventStore {
  private readonly statements;
  private readonly appendInTransaction;
  /** Live subscriptions asleep until the next append or poll. */
  private readonly sleepers = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();
  /** Where the streams this instance appended to end; trusted only while no other connection has committed (see tailInTransaction). */
  private readonly tails = new Map<string, StreamTail>();
  private seenDataVersion: number | undefined;

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      last: db.prepare<[string], StoredRow>(`SELECT ${STORED_TEXT_COLUMNS} FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1`).raw(true),
      range: db
        .prepare<[string, number, number], StoredRow>(`SELECT ${STORED_TEXT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`)
        .raw(true),
      insert: db.prepare('INSERT INTO events (stream, revision, id, type, schema_version, data, meta) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      all: db
        .prepare<[bigint, number], StoredRow>(`SELECT ${STORED_TEXT_COLUMNS} FROM events WHERE events.position > ? ORDER BY events.position LIMIT ?`)
        .raw(true),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      streams: db.prepare<[], StreamSummary>('SELECT stream, MAX(revision) AS lastRevision FROM events GROUP BY stream ORDER BY MIN(position)'),
      streamsByPrefix: db.prepare<[{ prefix: string }], StreamSummary>(STREAMS_WITH_PREFIX_SQL),
    };
    // Plans against the tail read inside the same write transaction, so no other writer can slip in between.
    this.appendInTransaction = db.transaction(
      (stream: string, expected: ExpectedRevision, events: ValidatedEvent[]): { result: AppendResult; written?: StreamTail } => {
        const tail = this.tailInTransaction(stream);
        const claimed = revisionsToCompare(expected, tail, events.length);
        const stored = claimed ? this.readRange(stream, claimed.fromRevision, claimed.count) : [];
        const plan = planAppend({ stream, expected, events, tail, stored });
        if (plan.kind === 'repeat') return { result: { nextExpectedRevision: plan.nextExpectedRevision, events: plan.events } };
        const recorded = plan.events.map((event, i) => {
          const { data, meta } = plan.columns[i]!;
          const { lastInsertRowid } = this.statements.insert.run(event.stream, event.revision, event.id, event.type, event.schemaVersion, data, meta);
          return { ...event, position: String(lastInsertRowid) };
        });
        const last = recorded.at(-1);
        return {
          result: { nextExpectedRevision: plan.nextExpectedRevision, events: recorded },
          ...(last && { written: { lastRevision: last.revision, lastHash: last.meta.hash } }),
        };
      },
    );
  }

  /** The file this store reads and writes: readers on other threads (the auditor's verify workers) open it themselves. */
  get file(): string {
    return this.db.name;
  }

  /** Opens (creating if needed) the store file at `path`. */
  static open(path: string): SqliteEventStore {
    const db = openDurableSqlite(path);
    db.exec(SCHEMA);
    return new SqliteEventStore(db);
  }

  async append(stream: string, expected: ExpectedRevision, events: ProposedEvent[]): Promise<AppendResult> {
    const proposed = validateProposedEvents(stream, expected, events);
    // BEGIN IMMEDIATE takes the write lock before the tail is read: concurrent writers serialize.
    const { result, written } = this.appendInTransaction.immediate(stream, expected, proposed);
    if (written) {
      // Committed: only now is the new tail true (a transaction that threw rolled back and left the cache as it was).
      if (this.tails.size >= MAX_CACHED_TAILS && !this.tails.has(stream)) this.tails.clear();
      this.tails.set(stream, written);
      this.wakeSubscriptions();
    }
    return result;
  }

  async readStream(stream: string, fromRevision = 0, maxCount = -1): Promise<RecordedEvent[]> {
    return this.readRange(stream, fromRevision, maxCount);
  }

  async readStoredStream(stream: string): Promise<unknown[]> {
    return this.statements.range.all(stream, 0, -1).map((row) => recordOf(storedTextOf(row)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllNow(options.after, options.maxCount ?? -1);
  }

  streamAll(options: StreamAllOptions = {}): AsyncIterable<RecordedEvent> {
    return inPages((after, maxCount) => this.readAllNow(after, maxCount), options);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    let stopped = false;
    let checkpoint = options.after;
    const run = async () => {
      await Promise.resolve(); // deliver nothing before the caller holds the handle: onEvent may close it
      while (!stopped) {
        const page = this.readAllNow(checkpoint, SUBSCRIPTION_PAGE_SIZE);
        for (const event of page) {
          if (stopped) return;
          await options.onEvent(event);
          checkpoint = event.position;
        }
        if (page.length === 0) await this.sleep(POLL_INTERVAL_MS);
      }
    };
    const finished = run()
      .catch((error: unknown) => {
        // Without onError the failure stays an unhandled rejection: loud, never silently stopped.
        const failure = error instanceof Error ? error : new Error(String(error));
        if (!options.onError) throw failure;
        options.onError(failure);
      })
      .finally(() => this.subscriptions.delete(subscription));
    const subscription: Subscription = {
      close: async () => {
        stopped = true;
        this.wakeSubscriptions();
        await finished.catch(() => undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async listStreams(options: ListStreamsOptions = {}): Promise<StreamSummary[]> {
    const { prefix } = options;
    if (!prefix) return this.statements.streams.all();
    return this.statements.streamsByPrefix.all({ prefix });
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.db.open) this.db.close();
  }

  /**
   * The stream's tail inside the append's write transaction, without reading the file when this
   * instance wrote it last: PRAGMA data_version changes when any other connection or process has
   * committed since this one last asked, and then every remembered tail is dropped and read again.
   */
  private tailInTransaction(stream: string): StreamTail {
    const version = this.statements.dataVersion.get();
    if (version !== this.seenDataVersion) {
      this.tails.clear();
      this.seenDataVersion = version;
    }
    const cached = this.tails.get(stream);
    if (cached) return cached;
    const lastRow = this.statements.last.get(stream);
    return tailOf(lastRow && recordedFromRow(lastRow));
  }

  private readRange(stream: string, fromRevision: number, count: number): RecordedEvent[] {
    return this.statements.range.all(stream, fromRevision, count).map(recordedFromRow);
  }

  private readAllNow(after: string | undefined, maxCount: number): RecordedEvent[] {
    return this.statements.all.all(positionAfter(after), maxCount).map(recordedFromRow);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private wakeSubscriptions(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}
