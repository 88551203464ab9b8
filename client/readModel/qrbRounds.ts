import type Database from 'better-sqlite3';
import type { QrbState } from '../../domain/qrb';
import { rowInserter } from './insertRows';

/** What one event does to a case's board rounds: opens one (submitted or resubmitted), decides one, or both. */
export interface QrbRoundChange {
  round: number;
  opened?: { caseId: string; agency: string; criterion: string; submittedAt: string };
  decided?: { decidedAt: string; outcome: string; ecqResults: { ecq: string; meets: number; doesNotMeet: number; passed: boolean }[] };
}

/**
 * The QRB report rows one event changes, from the case before and after it: a
 * round opens when the case is submitted or resubmitted (at that event's time,
 * which the state does not keep for later rounds) and closes with its decision.
 * `at` is the event's time in UTC. Pure: the projector keeps a batch's changes
 * and writes them with the case (qrbRoundWriter).
 */
export const qrbRoundChange = (before: QrbState, after: QrbState, at: string): QrbRoundChange | null => {
  const { submission, decision, round } = after;
  const change: QrbRoundChange = { round };
  if (submission && (before.status === 'NOT_SUBMITTED' || before.round !== round)) {
    change.opened = { caseId: submission.caseId, agency: submission.position.agency, criterion: submission.criterion, submittedAt: at };
  }
  if (before.decision === null && decision !== null) {
    change.decided = { decidedAt: at, outcome: decision.outcome, ecqResults: decision.ecqResults };
  }
  return change.opened || change.decided ? change : null;
};

/**
 * Adds one event's change to a case's changes of the batch: a round opened and
 * decided within it becomes one change (one row written, decided), as writing
 * each event's change in turn would leave it.
 */
export const addQrbRoundChange = (changes: QrbRoundChange[], change: QrbRoundChange): void => {
  const last = changes.at(-1);
  if (last && last.round === change.round && last.opened && !last.decided && !change.opened && change.decided) last.decided = change.decided;
  else changes.push(change);
};

/** Writes a case's round changes in order: a round opened (decided already, if so) and its tally, or a decision of a round opened before. */
export const qrbRoundWriter = (db: Database.Database) => {
  const open = db.prepare(
    'INSERT INTO qrb_rounds (stream, round, case_id, agency, criterion, submitted_at, decided_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const decide = db.prepare('UPDATE qrb_rounds SET decided_at = ?, outcome = ? WHERE stream = ? AND round = ?');
  /** A decided round's tally in one INSERT. */
  const tally = rowInserter(db, 'qrb_ecq_results', ['stream', 'round', 'ecq', 'meets', 'does_not_meet', 'passed']);
  return (stream: string, changes: readonly QrbRoundChange[]): void => {
    for (const { round, opened, decided } of changes) {
      if (opened) {
        open.run(stream, round, opened.caseId, opened.agency, opened.criterion, opened.submittedAt, decided?.decidedAt ?? null, decided?.outcome ?? null);
      } else if (decided) {
        decide.run(decided.decidedAt, decided.outcome, stream, round);
      }
      if (decided) tally(decided.ecqResults.map((r) => [stream, round, r.ecq, r.meets, r.doesNotMeet, r.passed ? 1 : 0]));
    }
  };
};
