import type Database from 'better-sqlite3';
import { openSharedSqlite } from '../../eventstore/durableSqlite';
import type { RecordedEvent } from '../../domain/eventEnvelope';
import { followStore } from '../followStore';
import type { EventStore, Subscription } from '../../eventstore/eventStore';
import { caseProjector, type ApplyOutcome } from './caseProjector';
import { decodeCursor, limitOf, pageFrom, type Page, type PageRequest } from '../paging';
import {
  CaseListCursorSchema,
  InboxCursorSchema,
  inbox,
  inboxCursorOf,
  listCases,
  type CaseRow,
  type InboxQuery,
  type InboxRow,
  type ListCasesFilter,
} from './queries';
import { caseStates, ecqApprovalRates, overdueOnboardingMilestones, probationsNearEnd, timeToQrbDecision } from './reports';
import { SCHEMA, SCHEMA_VERSION, TABLE_KEYS } from './schema';

/** Events read and applied per transaction in a catch-up: one commit per batch, and each case it touches written once. */
const BATCH_SIZE = 1000;
/**
 * Events per transaction in a rebuild from zero, which no one else writes meanwhile: a commit
 * writes every page its batch changed, and the case tables grow keyed by stream, so a batch's
 * cases land on pages all over them: a bigger batch writes each such page once for more cases.
 */
const REBUILD_BATCH_SIZE = 10_000;
/** The connection's page cache in KiB (see open). */
const CACHE_KIB = 64 * 1024;

export interface CatchUpResult {
  /** Events folded into their cases. */
  applied: number;
  /** Events of streams that belong to no process: passed over, the checkpoint moved past them. */
  ignored: number;
}

export interface CatchUpOptions {
  /** Events per transaction, default BATCH_SIZE (REBUILD_BATCH_SIZE in a rebuild; a test rebuilds in small batches to split cases across them). */
  batchSize?: number;
  /** Called after each batch. */
  onProgress?: (progress: CatchUpResult & { checkpoint: string | null }) => void;
}

export type Snapshot = Record<keyof typeof TABLE_KEYS, unknown[]>;

/**
 * The projection behind the approver inbox, the case lists and the reports: a
 * SQLite file (tables in ./schema.ts) filled from the event store in global order,
 * with the checkpoint stored beside the rows. Several projectors may share a file:
 * each event is applied once, whoever gets there first.
 */
export class ReadModel {
  private readonly projector;
  private readonly following = new Set<Subscription>();

  private constructor(private readonly db: Database.Database) {
    this.projector = caseProjector(db);
  }

  /** Opens (creating if needed) the read model at `path`; a file of an older table design is emptied, to be refilled by a catch-up. */
  static open(path: string): ReadModel {
    const db = openSharedSqlite(path);
    // Pages kept in memory, up to 64 MiB (SQLite's default is 2 MiB): a batch's cases land all over the
    // stream-keyed tables, and past a few hundred thousand events each write read its page back from the file.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.transaction(() => {
      if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
        for (const table of Object.keys(TABLE_KEYS)) db.exec(`DROP TABLE IF EXISTS ${table}`);
      }
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
    return new ReadModel(db);
  }

  /** Stops this model's live subscriptions, then closes the file. */
  async close(): Promise<void> {
    await Promise.all([...this.following].map((subscription) => subscription.close()));
    this.db.close();
  }

  /** The global position of the last event applied, or null before the first. */
  checkpoint(): string | null {
    return this.projector.checkpoint();
  }

  /** Applies one event with the checkpoint, in one transaction; an event at or before the checkpoint is skipped. */
  apply(event: RecordedEvent): ApplyOutcome {
    return this.projector.apply.immediate([event])[0]!;
  }

  /** Reads the store from the checkpoint to its end in batches, each applied in one transaction with its checkpoint, then returns. */
  async catchUp(store: EventStore, options: CatchUpOptions = {}): Promise<CatchUpResult> {
    const result: CatchUpResult = { applied: 0, ignored: 0 };
    for (;;) {
      const after = this.checkpoint();
      const batch = await store.readAll({ ...(after === null ? {} : { after }), maxCount: options.batchSize ?? BATCH_SIZE });
      if (batch.length === 0) return result;
      for (const outcome of this.projector.apply.immediate(batch)) if (outcome !== 'skipped') result[outcome] += 1;
      options.onProgress?.({ ...result, checkpoint: this.checkpoint() });
    }
  }

  /** Applies every event after the checkpoint, then each new one as it is appended, until closed. */
  follow(store: EventStore, options: { onError?: (error: Error) => void } = {}): Subscription {
    return followStore(store, this.checkpoint(), (event) => this.apply(event), this.following, options.onError);
  }

  /**
   * Empties every table and refills them from the start of the store. Nothing else
   * may write to this file meanwhile (a follower would apply new events to the
   * emptied tables): refused while this model follows the store; to rebuild beside
   * a live model, open a second file.
   */
  async rebuild(store: EventStore, options: CatchUpOptions = {}): Promise<CatchUpResult> {
    if (this.following.size > 0) throw new Error('read model: close the live subscription before rebuilding this file (or rebuild into a second file)');
    // The query indexes (the inbox's, the case list's) are made once over the full tables, after
    // the load, rather than kept up to date row by row through it: a bulk load into them cost the
    // rebuild about a fifth of its time at 1M events.
    this.db
      .transaction(() => {
        for (const table of Object.keys(TABLE_KEYS)) this.db.exec(`DELETE FROM ${table}`);
        for (const { name } of this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as { name: string }[]) {
          this.db.exec(`DROP INDEX "${name}"`);
        }
      })
      .immediate();
    try {
      return await this.catchUp(store, { ...options, batchSize: options.batchSize ?? REBUILD_BATCH_SIZE });
    } finally {
      this.db.exec(SCHEMA);
    }
  }

  /** Every table's rows in primary-key order: two models built from the same events have equal snapshots. */
  snapshot(): Snapshot {
    return Object.fromEntries(
      Object.entries(TABLE_KEYS).map(([table, key]) => [table, this.db.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all()]),
    ) as Snapshot;
  }

  inbox(query: InboxQuery) {
    return inbox(this.db, query);
  }

  /** The inbox a page at a time (the cursor names the last decision given). */
  inboxPage(query: InboxQuery, page: PageRequest): Page<InboxRow> {
    const after = decodeCursor(page.after, InboxCursorSchema);
    const limit = limitOf(page);
    return pageFrom(inbox(this.db, query, { ...(after ? { after } : {}), limit: limit + 1 }), limit, inboxCursorOf);
  }

  /** The cases a person started (an HR specialist's own actions), oldest first. */
  startedBy(personId: string) {
    return listCases(this.db, { startedBy: personId });
  }

  listCases(filter: ListCasesFilter = {}) {
    return listCases(this.db, filter);
  }

  /** The case list a page at a time (the cursor names the last case given). */
  listCasePage(filter: ListCasesFilter, page: PageRequest): Page<CaseRow> {
    const after = decodeCursor(page.after, CaseListCursorSchema);
    const limit = limitOf(page);
    return pageFrom(listCases(this.db, filter, { ...(after ? { after } : {}), limit: limit + 1 }), limit, (row) => [row.startedAt, row.stream]);
  }

  /** Every case of one process with its folded state, by stream (the appraisal's agency view reads them). */
  statesOf<S>(process: string): { stream: string; state: S }[] {
    return caseStates<S>(this.db, process, { openOnly: false });
  }

  timeToQrbDecision() {
    return timeToQrbDecision(this.db);
  }

  ecqApprovalRates() {
    return ecqApprovalRates(this.db);
  }

  overdueOnboardingMilestones(asOf: string) {
    return overdueOnboardingMilestones(this.db, asOf);
  }

  probationsNearEnd(asOf: string, withinDays = 90) {
    return probationsNearEnd(this.db, asOf, withinDays);
  }
}
