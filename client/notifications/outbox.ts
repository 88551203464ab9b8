import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../domain/eventEnvelope';
import { parseDelegationEvent } from '../../domain/delegation/events';
import { evolveDelegation } from '../../domain/delegation/evolve';
import { delegationStreamName, initialDelegationState } from '../../domain/delegation/state';
import { noticesFor, type Addressee, type Notice } from '../../domain/notifications';
import type { Role } from '../../domain/roles';
import type { EventStore, Subscription } from '../../eventstore/eventStore';
import { openDurableSqlite } from '../../eventstore/durableSqlite';
import { PERMISSIONS } from '../auth/permissions';
import { followStore } from '../followStore';
import { processOfStream } from '../processOfStream';
import type { People, Person } from '../auth/people';
import { z } from 'zod';

/** One message to one person, as the outbox keeps it until it is delivered (and after, for the in-app list). */
export interface Notification {
  id: string;
  personId: string;
  kind: string;
  stream: string;
  subject: string;
  body: string;
  casePath: string;
  dueOn: string | null;
  /** When the event happened (workflow time). */
  at: string;
  /** Not sent (nor listed) before this day. */
  notBefore: string | null;
  status: 'pending' | 'sent' | 'cancelled' | 'undeliverable';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  readAt: string | null;
}

/** Where a page of a person's notifications starts: after this one (the list's order is newest first, then id). */
export const NotificationCursorSchema = z.tuple([z.string(), z.string()]);
export type NotificationCursor = z.infer<typeof NotificationCursorSchema>;

/**
 * A notification the person may see now: not cancelled, not scheduled ahead. `not_before` is an ISO instant (rows from
 * before agency days hold a date, which compares as that UTC day's start).
 */
const SEEN_NOW = `status != 'cancelled' AND (not_before IS NULL OR not_before <= @now)`;

/**
 * The people tokens introduced who hold a role. SQLite reads each row's roles (JSON) itself: 0.65 ms at 5,000 people,
 * where reading every row out to parse it here took 3.3 ms, for every notice addressed to a role.
 */
const PEOPLE_WITH_ROLE_SQL = 'SELECT person_id FROM people WHERE EXISTS (SELECT 1 FROM json_each(people.roles) WHERE json_each.value = ?)';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS case_state (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS people (person_id TEXT PRIMARY KEY, roles TEXT NOT NULL, email TEXT);
  CREATE TABLE IF NOT EXISTS notifications (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    stream TEXT NOT NULL,
    event_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    case_path TEXT NOT NULL,
    due_on TEXT,
    at TEXT NOT NULL,
    not_before TEXT,
    cancelled_by TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    claimed_until INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT,
    read_at TEXT
  );
  CREATE INDEX IF NOT EXISTS notifications_by_person ON notifications (person_id, at);
  CREATE INDEX IF NOT EXISTS notifications_due ON notifications (status, next_attempt_at);
  CREATE INDEX IF NOT EXISTS notifications_by_stream ON notifications (stream, status);
  CREATE INDEX IF NOT EXISTS notifications_scheduled ON notifications (status, not_before, next_attempt_at);
  CREATE INDEX IF NOT EXISTS notifications_unread ON notifications (person_id, not_before) WHERE read_at IS NULL AND status != 'cancelled';
`;

/**
 * The rows due for delivery now: pending, their time (`not_before`) reached, their retry time
 * reached, oldest first. Asked every second on the API's thread: each branch searches
 * notifications_scheduled, so reminders scheduled ahead are never read (reading them all took
 * 12 ms a tick with 20,000 of them).
 */
export const DUE_SQL = `SELECT * FROM (
    SELECT * FROM notifications WHERE status = 'pending' AND not_before IS NULL AND next_attempt_at <= @nowMs AND claimed_until < @nowMs
    UNION ALL
    SELECT * FROM notifications WHERE status = 'pending' AND not_before <= @now AND next_attempt_at <= @nowMs AND claimed_until < @nowMs
  ) ORDER BY at, id LIMIT @limit`;

/**
 * A person's unread notifications due to be seen, counted on every look at them: through
 * notifications_unread, only their unread rows (not every row they ever had: 20 ms for 20,000).
 */
export const UNREAD_COUNT_SQL = `SELECT count(*) AS n FROM notifications WHERE person_id = @personId AND ${SEEN_NOW} AND read_at IS NULL`;

/**
 * Cancels the case's pending notices that the event's type cancels (a reminder once the vote is
 * cast). It runs for every event the outbox follows, on the API's thread, so it searches the case's
 * own rows (notifications_by_stream): through the pending rows of every case it took 7 ms an event
 * with 20,000 reminders scheduled ahead.
 */
export const CANCEL_PENDING_SQL = `UPDATE notifications SET status = 'cancelled' WHERE stream = ? AND status = 'pending' AND EXISTS (SELECT 1 FROM json_each(cancelled_by) WHERE value = ?)`;

interface NotificationRow {
  id: string;
  person_id: string;
  kind: string;
  stream: string;
  subject: string;
  body: string;
  case_path: string;
  due_on: string | null;
  at: string;
  not_before: string | null;
  status: Notification['status'];
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  read_at: string | null;
}

const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  personId: row.person_id,
  kind: row.kind,
  stream: row.stream,
  subject: row.subject,
  body: row.body,
  casePath: row.case_path,
  dueOn: row.due_on,
  at: row.at,
  notBefore: row.not_before,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  sentAt: row.sent_at,
  readAt: row.read_at,
});

/** Deterministic: the same event told to the same person the same thing is one notification, however often it is projected. */
const notificationId = (eventId: string, personId: string, kind: string): string =>
  createHash('sha256').update(`${eventId}\n${personId}\n${kind}`).digest('hex').slice(0, 32);

const CASE_READERS: readonly Role[] = PERMISSIONS['case.status'];
const BATCH_SIZE = 500;

/**
 * The notification outbox: a projection over the store's global order with its own
 * checkpoint (DATA_DIR/notifications.db). Each event is turned into its notices
 * (domain/notifications), each notice into one row per person, in one transaction
 * with the checkpoint, so a restart, a replay or a second projector on the file never
 * makes a notification twice. Delivery reads the rows (client/notifications/delivery.ts).
 */
export class NotificationOutbox {
  private readonly following = new Set<Subscription>();
  private readonly project: Database.Transaction<(events: readonly RecordedEvent[]) => void>;
  /** What projecting an event asks, prepared once. */
  private readonly statements;

  private constructor(
    readonly db: Database.Database,
    private readonly people: People,
  ) {
    this.statements = {
      checkpoint: db.prepare<[], string>('SELECT position FROM checkpoint WHERE id = 1').pluck(),
      setCheckpoint: db.prepare('INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position'),
      caseState: db.prepare<[string], string>('SELECT state FROM case_state WHERE stream = ?').pluck(),
      putCaseState: db.prepare(
        'INSERT INTO case_state (stream, revision, state) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, state = excluded.state',
      ),
      cancelPending: db.prepare(CANCEL_PENDING_SQL),
      insert: db.prepare(
        `INSERT OR IGNORE INTO notifications (id, person_id, kind, stream, event_id, subject, body, case_path, due_on, at, not_before, cancelled_by, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
      ),
      person: db.prepare<[string], { roles: string; email: string | null }>('SELECT roles, email FROM people WHERE person_id = ?'),
      peopleWithRole: db.prepare<[string], string>(PEOPLE_WITH_ROLE_SQL).pluck(),
    };
    this.project = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) this.projectEvent(event);
    });
  }

  static open(path: string, people: People): NotificationOutbox {
    const db = openDurableSqlite(path);
    db.exec(SCHEMA);
    return new NotificationOutbox(db, people);
  }

  checkpoint(): string | null {
    return this.statements.checkpoint.get() ?? null;
  }

  /** Applies one event (skipped at or before the checkpoint). */
  apply(event: RecordedEvent): void {
    this.projectAll([event]);
  }

  /** Projects every event after the checkpoint, a batch per transaction; returns how many notifications it made. */
  async catchUp(store: EventStore): Promise<number> {
    const before = this.count();
    for (;;) {
      const after = this.checkpoint();
      const batch = await store.readAll({ ...(after === null ? {} : { after }), maxCount: BATCH_SIZE });
      if (batch.length === 0) return this.count() - before;
      this.projectAll(batch);
    }
  }

  /**
   * Projects events in one transaction with the checkpoint, committed without waiting for the disk
   * (synchronous NORMAL; waiting cost 0.15 ms an event on this machine, more on most disks, on the API's thread):
   * a power cut can lose only the newest of them, and their checkpoint with them, and they are projected again
   * under the same ids. Nothing is sent from a row before delivery's claim, whose commit waits for the disk
   * (FULL, as every other write here) and so makes the row durable first.
   */
  private projectAll(events: readonly RecordedEvent[]): void {
    // Not a prepared statement: SQLite sets this pragma when it compiles it, not when it runs.
    this.db.pragma('synchronous = NORMAL');
    try {
      this.project.immediate(events);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /** Projects each new event as it is appended, until closed. */
  follow(store: EventStore, onError?: (error: Error) => void): Subscription {
    return followStore(store, this.checkpoint(), (event) => this.apply(event), this.following, onError);
  }

  /** A person an OIDC token introduced: their email claim reaches them from now on, in every process on this file. */
  rememberPerson(person: Person): void {
    this.db
      .prepare(
        'INSERT INTO people (person_id, roles, email) VALUES (?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET roles = excluded.roles, email = COALESCE(excluded.email, people.email)',
      )
      .run(person.id, JSON.stringify(person.roles), person.email ?? null);
  }

  personOf(id: string): Person | undefined {
    const row = this.statements.person.get(id);
    const known = this.people.get(id);
    if (!row) return known;
    return { ...known, id, roles: JSON.parse(row.roles) as Person['roles'], ...(row.email ? { email: row.email } : {}) };
  }

  /**
   * The person's notifications that are due to be seen (not cancelled, not scheduled ahead of `now`, an ISO instant), newest first;
   * `limit` of them after a cursor (the `at` and id of the last one given).
   */
  forPerson(personId: string, now: string, options: { unreadOnly?: boolean; after?: NotificationCursor; limit?: number } = {}): Notification[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM notifications WHERE person_id = @personId AND ${SEEN_NOW} ${options.unreadOnly ? 'AND read_at IS NULL' : ''}
         ${options.after ? 'AND (at < @afterAt OR (at = @afterAt AND id > @afterId))' : ''} ORDER BY at DESC, id LIMIT @limit`,
      )
      .all({
        personId,
        now,
        ...(options.after ? { afterAt: options.after[0], afterId: options.after[1] } : {}),
        limit: options.limit ?? -1,
      }) as NotificationRow[];
    return rows.map(toNotification);
  }

  /** How many of the person's notifications due to be seen are unread. */
  unreadCount(personId: string, now: string): number {
    return (
      this.db.prepare(UNREAD_COUNT_SQL).get({ personId, now }) as {
        n: number;
      }
    ).n;
  }

  /** Marks one of the person's notifications read; false when it is not theirs or does not exist. */
  markRead(personId: string, id: string, at: string): boolean {
    return this.db.prepare('UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND person_id = ?').run(at, id, personId).changes === 1;
  }

  /** Rows waiting for delivery now: pending, due (not_before reached), retry time reached. */
  due(nowMs: number, now: string, limit: number): Notification[] {
    return (this.db.prepare(DUE_SQL).all({ nowMs, now, limit }) as NotificationRow[]).map(toNotification);
  }

  /**
   * Takes a due row for one delivery attempt: false when another deliverer on this
   * file holds it. A claim lapses after `untilMs`, so a deliverer killed mid-send
   * leaves the row to the next one.
   */
  claim(id: string, nowMs: number, untilMs: number): boolean {
    return (
      this.db.prepare(`UPDATE notifications SET claimed_until = ? WHERE id = ? AND status = 'pending' AND claimed_until < ?`).run(untilMs, id, nowMs)
        .changes === 1
    );
  }

  markSent(id: string, at: string): void {
    this.db
      .prepare(`UPDATE notifications SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND status = 'pending'`)
      .run(at, id);
  }

  /** A failed attempt: tried again at `retryAtMs`, never dropped. */
  markFailed(id: string, error: string, retryAtMs: number): void {
    this.db
      .prepare(`UPDATE notifications SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = 0 WHERE id = ? AND status = 'pending'`)
      .run(error, retryAtMs, id);
  }

  /** No address to send to: kept in the application, reported, not retried until an address is known. */
  markUndeliverable(id: string, why: string): void {
    this.db.prepare(`UPDATE notifications SET status = 'undeliverable', last_error = ? WHERE id = ? AND status = 'pending'`).run(why, id);
  }

  /** Counts by status, and the oldest failing row: what an operator watches. */
  report(): { byStatus: Record<string, number>; failing: { id: string; attempts: number; lastError: string }[] } {
    const byStatus = Object.fromEntries(
      (this.db.prepare('SELECT status, COUNT(*) AS n FROM notifications GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
    );
    const failing = this.db
      .prepare(
        `SELECT id, attempts, last_error AS lastError FROM notifications WHERE status = 'pending' AND last_error IS NOT NULL ORDER BY attempts DESC LIMIT 20`,
      )
      .all() as { id: string; attempts: number; lastError: string }[];
    return { byStatus, failing };
  }

  async close(): Promise<void> {
    await Promise.all([...this.following].map((subscription) => subscription.close()));
    this.db.close();
  }

  private count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM notifications').get() as { n: number }).n;
  }

  private projectEvent(event: RecordedEvent): void {
    const checkpoint = this.checkpoint();
    if (checkpoint !== null && BigInt(event.position) <= BigInt(checkpoint)) return;
    const folded = this.fold(event);
    if (folded) {
      this.statements.cancelPending.run(event.stream, event.type);
      for (const notice of folded.notices) this.enter(event, notice);
    }
    this.statements.setCheckpoint.run(event.position);
  }

  /** The event's notices from the case state before and after it (the state kept per stream, as the read model keeps it). */
  private fold(event: RecordedEvent): { notices: Notice[] } | null {
    const fold = foldOf(event.stream);
    if (!fold) return null;
    const stored = this.statements.caseState.get(event.stream);
    const before: unknown = stored !== undefined ? JSON.parse(stored) : fold.initialState;
    // The process's own parse (upcasters included) and evolve: what the workflow and the auditor run.
    const parsed = fold.parseEvent({ type: event.type, schemaVersion: event.schemaVersion, data: event.data, occurredAt: event.meta.occurredAt });
    const after: unknown = fold.evolve(before as never, parsed as never);
    this.statements.putCaseState.run(event.stream, event.revision, JSON.stringify(after));
    return { notices: noticesFor(fold.name, parsed, before, after, event.stream) };
  }

  /** One row per person the notice reaches who may read the case (or whose own record it is). */
  private enter(event: RecordedEvent, notice: Notice): void {
    for (const personId of this.recipients(notice.to)) {
      this.statements.insert.run(
        notificationId(event.id, personId, notice.kind),
        personId,
        notice.kind,
        event.stream,
        event.id,
        notice.subject,
        notice.body,
        notice.casePath,
        notice.dueOn ?? null,
        event.meta.occurredAt,
        notice.notBefore ?? null,
        JSON.stringify(notice.cancelledBy ?? []),
      );
    }
  }

  private recipients(to: readonly Addressee[]): string[] {
    const ids = new Set<string>();
    for (const addressee of to) {
      if ('subjectPersonId' in addressee) {
        ids.add(addressee.subjectPersonId); // their own record (Privacy Act access), whatever their roles
      } else if ('personId' in addressee) {
        const person = this.personOf(addressee.personId);
        // Someone whose roles may not read the case is told nothing; an unknown person is kept for the application.
        if (!person || person.roles.some((role) => CASE_READERS.includes(role))) ids.add(addressee.personId);
      } else if (CASE_READERS.includes(addressee.role)) {
        for (const id of this.idsWithRole(addressee.role)) ids.add(id);
      }
    }
    return [...ids];
  }

  /** Everyone holding the role: the users file's people and those tokens introduced. */
  private idsWithRole(role: Role): string[] {
    const remembered = this.statements.peopleWithRole.all(role);
    return [...this.people.withRole(role).map((p) => p.id), ...remembered];
  }
}

/** How a stream folds: a process's case, or a delegation. */
const foldOf = (stream: string) => {
  const process = processOfStream(stream);
  if (process) return { name: process.name, initialState: process.initialState as unknown, parseEvent: process.parseEvent, evolve: process.evolve };
  if (stream.startsWith(delegationStreamName(''))) {
    return {
      name: 'delegation' as const,
      initialState: initialDelegationState as unknown,
      parseEvent: parseDelegationEvent,
      evolve: evolveDelegation as (state: never, event: never) => unknown,
    };
  }
  return null;
};
