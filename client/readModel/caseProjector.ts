import type Database from 'better-sqlite3';
import { ZodError } from 'zod';
import { describeIssues } from '../../eventstore/describeIssues';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import type { RecordedEvent } from '../../domain/eventEnvelope';
import { replay } from '../../domain/processDefinition';
import type { AnyProcessDefinition } from '../../domain/processes';
import type { QrbState } from '../../domain/qrb';
import { processOfStream } from '../processOfStream';
import { qrbRoundWriter } from './qrbRounds';

/** What every process's state has. */
interface CaseState {
  status: string;
  caseId: string | null;
}

/** applied: folded into its case; ignored: its stream belongs to no process; skipped: at or before the checkpoint. */
export type ApplyOutcome = 'applied' | 'ignored' | 'skipped';

/**
 * Applies one event to the read model in one transaction together with the
 * checkpoint, so a crash never leaves a half-applied event and two projectors on
 * one file (the API's live one, a CLI catch-up) never apply an event twice. Run it
 * with `.immediate(event)`: the write lock is taken before the checkpoint is read.
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
      VALUES (@stream, @process, @caseId, @agency, @status, @actor, @at, @startedOn, @at, @policyVersion, @revision, @terminal)
      ON CONFLICT (stream) DO UPDATE SET case_id = excluded.case_id, agency = excluded.agency, status = excluded.status,
        updated_at = excluded.updated_at, policy_version = excluded.policy_version, last_revision = excluded.last_revision, terminal = excluded.terminal`),
    putState: db.prepare('INSERT INTO case_state (stream, state) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET state = excluded.state'),
    clearPending: db.prepare('DELETE FROM pending_decisions WHERE stream = ?'),
    addPending: db.prepare('INSERT INTO pending_decisions (stream, seq, action, assignee_id, assignee_role, due_on, note) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  };
  const writeQrbRound = qrbRoundWriter(db);

  const fold = (process: AnyProcessDefinition, event: RecordedEvent): void => {
    const { stream } = event;
    const folded = statements.folded.get(stream);
    const expected = folded ? folded.last_revision + 1 : 0;
    if (event.revision !== expected) {
      throw new Error(`read model: ${stream} revision ${event.revision} arrived where revision ${expected} was expected; rebuild the read model`);
    }
    const before: unknown = folded ? JSON.parse(folded.state) : process.initialState;
    // One step of the auditor's replay, from the stored state instead of the initial one.
    let after: CaseState;
    try {
      after = replay({ ...process, initialState: before }, [event]) as CaseState;
    } catch (error) {
      // Not the reader's input at fault but the store's content: say which event stops the projection.
      const why = error instanceof ZodError ? describeIssues('data', error) : (error as Error).message;
      throw new Error(
        `read model: cannot fold ${stream} revision ${event.revision} (${event.type}, schema version ${event.schemaVersion}): ${why}; the projection stops there until this build can read it`,
      );
    }
    const at = new Date(event.meta.occurredAt).toISOString();
    const agency = process.agencyOf(after);
    statements.upsertCase.run({
      stream,
      process: process.name,
      caseId: after.caseId,
      agency,
      // Kept from the first event only (the upsert leaves it): the agency's day the case started.
      startedOn: agencyDateOf(at, agency),
      status: after.status,
      actor: event.meta.actor.id,
      at,
      policyVersion: process.policyVersionOf(after),
      revision: event.revision,
      terminal: process.isTerminal(after) ? 1 : 0,
    });
    statements.putState.run(stream, JSON.stringify(after));
    statements.clearPending.run(stream);
    process.pendingDecisions(after).forEach((d, seq) => statements.addPending.run(stream, seq, d.action, d.assigneeId, d.assigneeRole, d.dueOn, d.note));
    if (process.name === 'qrb') writeQrbRound(stream, before as QrbState, after as unknown as QrbState, at);
  };

  return {
    checkpoint: (): string | null => statements.checkpoint.get()?.position ?? null,
    apply: db.transaction((event: RecordedEvent): ApplyOutcome => {
      const checkpoint = statements.checkpoint.get()?.position;
      if (checkpoint !== undefined && BigInt(event.position) <= BigInt(checkpoint)) return 'skipped';
      const process = processOfStream(event.stream);
      if (process) fold(process, event);
      statements.setCheckpoint.run(event.position);
      return process ? 'applied' : 'ignored';
    }),
  };
};
