import type Database from 'better-sqlite3';
import { ZodError } from 'zod';
import { describeIssues } from '../../eventstore/describeIssues';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import type { RecordedEvent } from '../../domain/eventEnvelope';
import { replay } from '../../domain/processDefinition';
import type { AnyProcessDefinition } from '../../domain/processes';
import type { QrbState } from '../../domain/qrb';
import { processOfStream } from '../processOfStream';
import { rowInserter } from './insertRows';
import { addQrbRoundChange, qrbRoundChange, qrbRoundWriter, type QrbRoundChange } from './qrbRounds';

/** What every process's state has. */
interface CaseState {
  status: string;
  caseId: string | null;
}

/** applied: folded into its case; ignored: its stream belongs to no process; skipped: at or before the checkpoint. */
export type ApplyOutcome = 'applied' | 'ignored' | 'skipped';

/** A case as folded so far in one run of `apply`: its row, state and pending decisions are written once, at the run's end. */
interface FoldedCase {
  process: AnyProcessDefinition;
  state: CaseState;
  revision: number;
  /** The file held no row of the case when the run met it: nothing of it to clear. */
  isNew: boolean;
  /** Actor, time and agency day of the case's first event in this run: the row takes them only if the run inserts it. */
  startedBy: string;
  startedAt: string;
  startedOn: string;
  /** Time of the case's last event in this run. */
  updatedAt: string;
  /** A QRB case's board rounds opened or decided in this run, in order. */
  rounds: QrbRoundChange[];
}

/**
 * Applies events to the read model in one transaction together with the
 * checkpoint, so a crash never leaves a half-applied event and two projectors on
 * one file (the API's live one, a CLI catch-up) never apply an event twice. Run it
 * with `.immediate(events)`: the write lock is taken before the checkpoint is read.
 * Each touched case is folded in memory across the events and written once at the
 * end, its QRB rounds with it (the rows equal those of applying the events one at a
 * time); an event that cannot be folded throws, and the transaction leaves nothing
 * of the run applied.
 */
export const caseProjector = (db: Database.Database) => {
  const statements = {
    checkpoint: db.prepare<[], { position: string }>('SELECT position FROM checkpoint WHERE id = 1'),
    setCheckpoint: db.prepare('INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position'),
    folded: db.prepare<[string], { last_revision: number; state: string }>(
      'SELECT c.last_revision, s.state FROM cases c JOIN case_state s USING (stream) WHERE stream = ?',
    ),
    upsertCase: db.prepare(`
      INSERT INTO cases (stream, process, case_id, agency, status, started_by, started_at, started_on, updated_at, policy_version, last_revision, terminal)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (stream) DO UPDATE SET case_id = excluded.case_id, agency = excluded.agency, status = excluded.status,
        updated_at = excluded.updated_at, policy_version = excluded.policy_version, last_revision = excluded.last_revision, terminal = excluded.terminal`),
    putState: db.prepare('INSERT INTO case_state (stream, state) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET state = excluded.state'),
    clearPending: db.prepare('DELETE FROM pending_decisions WHERE stream = ?'),
  };
  /** A case's pending decisions in one INSERT. */
  const addPending = rowInserter(db, 'pending_decisions', ['stream', 'seq', 'action', 'assignee_id', 'assignee_role', 'due_on', 'note']);
  const writeQrbRounds = qrbRoundWriter(db);

  /** Folds the event into its case in `cases`, reading the case from the file the first time the run meets it. */
  const fold = (cases: Map<string, FoldedCase>, process: AnyProcessDefinition, event: RecordedEvent): void => {
    const { stream } = event;
    let folded = cases.get(stream);
    const stored = folded ? undefined : statements.folded.get(stream);
    const lastRevision = folded?.revision ?? stored?.last_revision;
    const expected = lastRevision === undefined ? 0 : lastRevision + 1;
    if (event.revision !== expected) {
      throw new Error(`read model: ${stream} revision ${event.revision} arrived where revision ${expected} was expected; rebuild the read model`);
    }
    const before: unknown = folded ? folded.state : stored ? JSON.parse(stored.state) : process.initialState;
    // One step of the auditor's replay, from the folded state instead of the initial one.
    let after: CaseState;
    try {
      after = replay({ initialState: before, evolve: process.evolve, parseEvent: process.parseEvent }, [event]) as CaseState;
    } catch (error) {
      // Not the reader's input at fault but the store's content: say which event stops the projection.
      const why = error instanceof ZodError ? describeIssues('data', error) : (error as Error).message;
      throw new Error(
        `read model: cannot fold ${stream} revision ${event.revision} (${event.type}, schema version ${event.schemaVersion}): ${why}; the projection stops there until this build can read it`,
      );
    }
    const at = new Date(event.meta.occurredAt).toISOString();
    if (!folded) {
      // The agency's day the case started, in the agency the first event gives it.
      const startedOn = agencyDateOf(at, process.agencyOf(after));
      folded = {
        process,
        state: after,
        revision: event.revision,
        isNew: !stored,
        startedBy: event.meta.actor.id,
        startedAt: at,
        startedOn,
        updatedAt: at,
        rounds: [],
      };
      cases.set(stream, folded);
    }
    folded.state = after;
    folded.revision = event.revision;
    folded.updatedAt = at;
    // A round opens or closes at one event's time, which the state does not keep: kept per event.
    if (process.name === 'qrb') {
      const change = qrbRoundChange(before as QrbState, after as unknown as QrbState, at);
      if (change) addQrbRoundChange(folded.rounds, change);
    }
  };

  const write = (stream: string, { process, state, revision, isNew, startedBy, startedAt, startedOn, updatedAt, rounds }: FoldedCase): void => {
    statements.upsertCase.run(
      stream,
      process.name,
      state.caseId,
      process.agencyOf(state),
      state.status,
      startedBy,
      startedAt,
      startedOn,
      updatedAt,
      process.policyVersionOf(state),
      revision,
      process.isTerminal(state) ? 1 : 0,
    );
    statements.putState.run(stream, JSON.stringify(state));
    if (!isNew) statements.clearPending.run(stream);
    addPending(process.pendingDecisions(state).map((d, seq) => [stream, seq, d.action, d.assigneeId, d.assigneeRole, d.dueOn, d.note]));
    if (rounds.length > 0) writeQrbRounds(stream, rounds);
  };

  return {
    checkpoint: (): string | null => statements.checkpoint.get()?.position ?? null,
    apply: db.transaction((events: readonly RecordedEvent[]): ApplyOutcome[] => {
      const stored = statements.checkpoint.get()?.position;
      let checkpoint = stored === undefined ? undefined : BigInt(stored);
      let lastApplied: string | undefined;
      const cases = new Map<string, FoldedCase>();
      const outcomes = events.map((event): ApplyOutcome => {
        const position = BigInt(event.position);
        if (checkpoint !== undefined && position <= checkpoint) return 'skipped';
        checkpoint = position;
        lastApplied = event.position;
        const process = cases.get(event.stream)?.process ?? processOfStream(event.stream);
        if (process) fold(cases, process, event);
        return process ? 'applied' : 'ignored';
      });
      for (const [stream, folded] of cases) write(stream, folded);
      if (lastApplied !== undefined) statements.setCheckpoint.run(lastApplied);
      return outcomes;
    }),
  };
};
