/**
 * The read model's tables: a projection of the event store, never the record
 * (the store is). Every row derives from events alone, no clock, so a rebuild from
 * zero writes exactly the rows the live projection wrote. Instants are ISO UTC
 * strings of event times (`meta.occurredAt`), dates ISO dates.
 *
 * - `cases`: one row per case stream, what lists and filters read. `started_by` and
 *   `started_at` are the actor and time of the stream's first event, `started_on` its
 *   date in the case agency's zone (the day lists filter on); `updated_at`
 *   and `last_revision` of the last one applied; `terminal` 0/1.
 * - `case_state`: the case folded with its process's own evolve, as JSON; each event
 *   is folded into the stored state, never the stream re-read.
 * - `pending_decisions`: who must act next and by when (domain `*PendingDecisions`),
 *   rewritten for the stream at each of its events; `seq` keeps the domain's order.
 * - `qrb_rounds`: one row per QRB board round: when it was submitted (or
 *   resubmitted) and, once decided, when and how.
 * - `qrb_ecq_results`: each decided round's tally per ECQ (member ratings).
 * - `checkpoint`: one row, the global position of the last event applied (a decimal
 *   string: KurrentDB positions exceed 2^53).
 *
 * A change to these tables bumps SCHEMA_VERSION: opening an older file drops them
 * and the next catch-up refills them from the store.
 */
export const SCHEMA_VERSION = 2;

/** Every table with its primary key, which orders its rows in a snapshot. */
export const TABLE_KEYS = {
  cases: 'stream',
  case_state: 'stream',
  pending_decisions: 'stream, seq',
  qrb_rounds: 'stream, round',
  qrb_ecq_results: 'stream, round, ecq',
  checkpoint: 'id',
} as const;

export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS cases (
    stream TEXT PRIMARY KEY,
    process TEXT NOT NULL,
    case_id TEXT,
    agency TEXT,
    status TEXT NOT NULL,
    started_by TEXT NOT NULL,
    started_at TEXT NOT NULL,
    started_on TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    policy_version TEXT,
    last_revision INTEGER NOT NULL,
    terminal INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS cases_by_starter ON cases (started_by);
  -- The case list's order, with the columns it filters on: a page is read in order and stops at
  -- its limit, never a sort of every case (12-23 ms a page with 200,000 cases, for every page).
  CREATE INDEX IF NOT EXISTS cases_by_start ON cases (started_at, stream, process, agency, status, started_on);
  CREATE TABLE IF NOT EXISTS case_state (
    stream TEXT PRIMARY KEY,
    state TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS pending_decisions (
    stream TEXT NOT NULL,
    seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    assignee_id TEXT,
    assignee_role TEXT NOT NULL,
    due_on TEXT,
    note TEXT NOT NULL,
    PRIMARY KEY (stream, seq)
  );
  -- The inbox in its own order (queries.ts, inboxKey), for the person named and for each role:
  -- a page reads its own rows, never every decision waiting on a role (a sort of them all took
  -- 22 ms a page per role with 200,000 cases).
  DROP INDEX IF EXISTS pending_by_assignee;
  CREATE INDEX IF NOT EXISTS pending_inbox_person ON pending_decisions (assignee_id, due_on IS NULL, COALESCE(due_on, ''), stream, seq);
  CREATE INDEX IF NOT EXISTS pending_inbox_role ON pending_decisions (assignee_role, due_on IS NULL, COALESCE(due_on, ''), stream, seq) WHERE assignee_id IS NULL;
  CREATE TABLE IF NOT EXISTS qrb_rounds (
    stream TEXT NOT NULL,
    round INTEGER NOT NULL,
    case_id TEXT NOT NULL,
    agency TEXT NOT NULL,
    criterion TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    decided_at TEXT,
    outcome TEXT,
    PRIMARY KEY (stream, round)
  );
  CREATE TABLE IF NOT EXISTS qrb_ecq_results (
    stream TEXT NOT NULL,
    round INTEGER NOT NULL,
    ecq TEXT NOT NULL,
    meets INTEGER NOT NULL,
    does_not_meet INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    PRIMARY KEY (stream, round, ecq)
  );
  CREATE TABLE IF NOT EXISTS checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    position TEXT NOT NULL
  );`;
