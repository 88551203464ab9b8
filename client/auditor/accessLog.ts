import type Database from 'better-sqlite3';
import { z } from 'zod';
import { openDurableSqlite } from '../../eventstore/durableSqlite';
import { PersonIdSchema, RoleSchema } from '../../domain/roles';
import { parseInput } from '../problem';

/**
 * The accounting of disclosures (Privacy Act, 5 U.S.C. 552a(c)): who read or exported which
 * case, when and why. Kept in its own SQLite file, never in a case's stream: reading a case
 * is not a change to it, and the case's hash chain must not grow because someone looked.
 */

export const AccessSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  personId: PersonIdSchema,
  roles: z.array(RoleSchema),
  action: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'must be dotted lowercase words, e.g. "qrb.status" or "audit.export"'),
  streams: z.array(z.string().min(1)).min(1, 'must name at least one stream: a disclosure is of a case'),
  purpose: z.string().trim().min(1, 'must say why the record was read'),
});
export type Access = z.infer<typeof AccessSchema>;

/** An access as recorded: `at` in UTC, so instants compare as text. */
export type AccessEntry = Access & { id: number };

export const AccessQuerySchema = z.object({
  personId: PersonIdSchema.optional(),
  /** Inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive. */
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AccessQuery = z.infer<typeof AccessQuerySchema>;

interface AccessRow {
  id: number;
  at: string;
  person_id: string;
  roles: string;
  action: string;
  purpose: string;
  streams: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS accesses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    person_id TEXT NOT NULL,
    roles TEXT NOT NULL,
    action TEXT NOT NULL,
    purpose TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS accessed_streams (
    access_id INTEGER NOT NULL REFERENCES accesses (id),
    stream TEXT NOT NULL,
    PRIMARY KEY (access_id, stream)
  );
  CREATE INDEX IF NOT EXISTS accessed_streams_by_stream ON accessed_streams (stream);
  CREATE INDEX IF NOT EXISTS accesses_by_at ON accesses (at)`;

/** Every access with all the streams it touched (a read of two cases is listed under each). */
const SELECT = `
  SELECT a.id, a.at, a.person_id, a.roles, a.action, a.purpose,
         (SELECT json_group_array(stream) FROM (SELECT stream FROM accessed_streams WHERE access_id = a.id ORDER BY stream)) AS streams
  FROM accesses a`;

const utc = (instant: string): string => new Date(instant).toISOString();

const entryOf = (row: AccessRow): AccessEntry => ({
  id: row.id,
  at: row.at,
  personId: row.person_id,
  roles: JSON.parse(row.roles) as AccessEntry['roles'],
  action: row.action,
  streams: JSON.parse(row.streams) as string[],
  purpose: row.purpose,
});

export class AccessLog {
  private readonly statements;
  private readonly insert;

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      access: db.prepare('INSERT INTO accesses (at, person_id, roles, action, purpose) VALUES (?, ?, ?, ?, ?)'),
      stream: db.prepare('INSERT OR IGNORE INTO accessed_streams (access_id, stream) VALUES (?, ?)'),
      byId: db.prepare<[number], AccessRow>(`${SELECT} WHERE a.id = ?`),
      forStream: db.prepare<[string], AccessRow>(`${SELECT} WHERE a.id IN (SELECT access_id FROM accessed_streams WHERE stream = ?) ORDER BY a.at, a.id`),
      list: db.prepare<{ personId: string | null; from: string | null; to: string | null }, AccessRow>(
        `${SELECT} WHERE (@personId IS NULL OR a.person_id = @personId) AND (@from IS NULL OR a.at >= @from) AND (@to IS NULL OR a.at < @to) ORDER BY a.at, a.id`,
      ),
    };
    // One transaction: an access is never recorded without the streams it disclosed.
    this.insert = db.transaction((access: Access): number => {
      const { lastInsertRowid } = this.statements.access.run(utc(access.at), access.personId, JSON.stringify(access.roles), access.action, access.purpose);
      for (const stream of access.streams) this.statements.stream.run(lastInsertRowid, stream);
      return Number(lastInsertRowid);
    });
  }

  /** Opens (creating if needed) the log file at `path`; keep it apart from the event store's file. */
  static open(path: string): AccessLog {
    // Durable before the read it accounts for is answered: the law requires the accounting.
    const db = openDurableSqlite(path);
    db.exec(SCHEMA);
    return new AccessLog(db);
  }

  /** Records one read or export; refuses (400, naming the field) an access without who, what or why. */
  record(access: unknown): AccessEntry {
    const id = this.insert(parseInput(AccessSchema, access));
    return entryOf(this.statements.byId.get(id)!);
  }

  /** Every access to one case, oldest first: what an auditor lists per case. */
  forStream(stream: string): AccessEntry[] {
    return this.statements.forStream.all(stream).map(entryOf);
  }

  /** Accesses by one person and/or within [from, to), oldest first. */
  list(query: AccessQuery = {}): AccessEntry[] {
    const { personId, from, to } = parseInput(AccessQuerySchema, query);
    return this.statements.list.all({ personId: personId ?? null, from: from ? utc(from) : null, to: to ? utc(to) : null }).map(entryOf);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
