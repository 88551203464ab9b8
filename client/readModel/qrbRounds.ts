import type Database from 'better-sqlite3';
import type { QrbState } from '../../domain/qrb';

/**
 * The QRB report rows one event changes, from the case before and after it: a
 * round opens when the case is submitted or resubmitted (at that event's time,
 * which the state does not keep for later rounds) and closes with its decision.
 * `at` is the event's time in UTC.
 */
export const qrbRoundWriter = (db: Database.Database) => {
  const open = db.prepare('INSERT INTO qrb_rounds (stream, round, case_id, agency, criterion, submitted_at) VALUES (?, ?, ?, ?, ?, ?)');
  const decide = db.prepare('UPDATE qrb_rounds SET decided_at = ?, outcome = ? WHERE stream = ? AND round = ?');
  const tally = db.prepare('INSERT INTO qrb_ecq_results (stream, round, ecq, meets, does_not_meet, passed) VALUES (?, ?, ?, ?, ?, ?)');
  return (stream: string, before: QrbState, after: QrbState, at: string): void => {
    const { submission, decision, round } = after;
    if (submission && (before.status === 'NOT_SUBMITTED' || before.round !== round)) {
      open.run(stream, round, submission.caseId, submission.position.agency, submission.criterion, at);
    }
    if (before.decision === null && decision !== null) {
      decide.run(at, decision.outcome, stream, round);
      for (const r of decision.ecqResults) tally.run(stream, round, r.ecq, r.meets, r.doesNotMeet, r.passed ? 1 : 0);
    }
  };
};
