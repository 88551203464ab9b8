import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { openDurableSqlite } from '../../eventstore/durableSqlite';
import { ProblemError } from '../problem';

/** A stored answer, replayed byte for byte to a retry. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How long a key is remembered: a client retries within minutes, never a day later. */
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** An answer never stored this long after its key was taken belongs to a process that died: the key is free again. */
const ABANDONED_AFTER_MS = 5 * 60 * 1000;

/** Whether the API process that took a key still runs (the processes sharing the file share the machine). */
const processRuns = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS idempotency_keys (
    person_id TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    answer TEXT,
    taken_by INTEGER,
    PRIMARY KEY (person_id, key)
  );
  CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (taken_at);
  CREATE INDEX IF NOT EXISTS idempotency_keys_unanswered ON idempotency_keys (taken_at) WHERE answer IS NULL`;

/**
 * What every keyed request clears first: keys past their lifetime, and keys never answered past
 * ABANDONED_AFTER_MS. Each reads only the rows it deletes, through its index: a day's keys are
 * many (every decision and start from the pages carries one), and a scan of them all on every
 * request cost 11 to 17 ms at 100,000 keys, growing with them.
 */
export const PRUNE_STATEMENTS = {
  expired: 'DELETE FROM idempotency_keys WHERE taken_at < ?',
  abandoned: 'DELETE FROM idempotency_keys WHERE answer IS NULL AND taken_at < ?',
} as const;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The id a request with an Idempotency-Key carries to Temporal as its Update's id, which the
 * workflow stamps on the events as their causation: the same for every retry of one request, so a
 * retry after a failure gets the first one's answer (Temporal answers a known update id with that
 * update's outcome; a workflow that finds this id's events after a lost workflow task answers
 * from them), and different for another person, key, route or body. A hash: neither the key nor
 * the body reaches Temporal's history.
 */
export const requestIdOf = (personId: string, key: string, request: string): string =>
  `request-${createHash('sha256')
    .update(JSON.stringify([personId, key, request]))
    .digest('hex')}`;

/**
 * Safe retries of POSTs (the `Idempotency-Key` header): the first request with a key
 * runs and its answer is stored; a retry with the same key and the same request gets
 * that answer again and changes nothing; the same key with another request is refused
 * (422). Keys are per person and kept in SQLite beside the data, so several API
 * processes on one machine share them. A 5xx answer is not kept: the retry runs again.
 */
export class IdempotencyKeys {
  private constructor(private readonly db: Database.Database) {}

  static open(path: string): IdempotencyKeys {
    const db = openDurableSqlite(path);
    db.exec(SCHEMA);
    // Files from before taken_by: their keys in flight are judged by age alone.
    if (!(db.prepare('PRAGMA table_info(idempotency_keys)').all() as { name: string }[]).some((column) => column.name === 'taken_by')) {
      db.exec('ALTER TABLE idempotency_keys ADD COLUMN taken_by INTEGER');
    }
    return new IdempotencyKeys(db);
  }

  /** Runs `answer` once per (person, key); a retry gets the stored answer with `replayed: true`. */
  async once(personId: string, key: string, request: string, answer: () => Promise<StoredAnswer>): Promise<StoredAnswer & { replayed: boolean }> {
    if (!KEY_PATTERN.test(key)) {
      throw new ProblemError({
        status: 400,
        error: 'idempotency-key.malformed',
        message: 'Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID',
        issues: [{ field: 'Idempotency-Key', rule: 'format', message: 'visible ASCII, at most 255 characters' }],
      });
    }
    const fingerprint = createHash('sha256').update(request).digest('hex');
    const now = Date.now();
    const taken = this.db.transaction(() => {
      this.db.prepare(PRUNE_STATEMENTS.expired).run(now - KEY_LIFETIME_MS);
      this.db.prepare(PRUNE_STATEMENTS.abandoned).run(now - ABANDONED_AFTER_MS);
      this.freeIfAbandoned(personId, key);
      return (
        this.db
          .prepare('INSERT OR IGNORE INTO idempotency_keys (person_id, key, fingerprint, taken_at, taken_by) VALUES (?, ?, ?, ?, ?)')
          .run(personId, key, fingerprint, now, process.pid).changes === 1
      );
    })();
    if (!taken) return { ...this.earlier(personId, key, fingerprint), replayed: true };
    let stored: StoredAnswer | undefined;
    try {
      stored = await answer();
      return { ...stored, replayed: false };
    } finally {
      if (stored && stored.status < 500) {
        this.db.prepare('UPDATE idempotency_keys SET answer = ? WHERE person_id = ? AND key = ?').run(JSON.stringify(stored), personId, key);
      } else {
        this.db.prepare('DELETE FROM idempotency_keys WHERE person_id = ? AND key = ?').run(personId, key);
      }
    }
  }

  /**
   * A key whose answer was never stored, taken by an API process that no longer runs (killed
   * mid-request): its retry runs again instead of waiting out ABANDONED_AFTER_MS.
   */
  private freeIfAbandoned(personId: string, key: string): void {
    const row = this.db.prepare('SELECT answer, taken_by AS takenBy FROM idempotency_keys WHERE person_id = ? AND key = ?').get(personId, key) as
      { answer: string | null; takenBy: number | null } | undefined;
    if (row && row.answer === null && row.takenBy !== null && row.takenBy !== process.pid && !processRuns(row.takenBy)) {
      this.db.prepare('DELETE FROM idempotency_keys WHERE person_id = ? AND key = ?').run(personId, key);
    }
  }

  close(): void {
    this.db.close();
  }

  private earlier(personId: string, key: string, fingerprint: string): StoredAnswer {
    const row = this.db.prepare('SELECT fingerprint, answer FROM idempotency_keys WHERE person_id = ? AND key = ?').get(personId, key) as
      { fingerprint: string; answer: string | null } | undefined;
    if (row && row.fingerprint !== fingerprint) {
      throw new ProblemError({
        status: 422,
        error: 'idempotency-key.reused',
        message: 'this Idempotency-Key was already used for a different request (another route or body); use a new key for a new request',
        issues: [{ field: 'Idempotency-Key', rule: 'reused', message: 'the key belongs to another request' }],
      });
    }
    if (!row?.answer) {
      throw new ProblemError({
        status: 409,
        error: 'idempotency-key.in-flight',
        message: 'the first request with this Idempotency-Key is still running; retry shortly',
        retryAfterSeconds: 1,
      });
    }
    return JSON.parse(row.answer) as StoredAnswer;
  }
}
