import type { Role } from './roles';

/**
 * Who must act next on a case, and by when: one line of an approver's inbox.
 * Each process derives its list from its state alone (pure, dates from the state
 * and its pinned policy), so the inbox can never disagree with a replay.
 */
export interface PendingDecision {
  /** The command or action type the person sends, e.g. "CertifyProbation", "CastQrbVote". */
  action: string;
  /** A named person, or null when any holder of the role may act. */
  assigneeId: string | null;
  assigneeRole: Role;
  /** ISO date by which it is due; null when no rule sets a date. */
  dueOn: string | null;
  note: string;
}
