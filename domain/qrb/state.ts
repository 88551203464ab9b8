import type { EcqFrameworkId } from '../ecqFrameworks';
import type { QrbBoardMember, QrbSubmission } from './commands';
import type { EcqResult } from './events';

export type QrbStatus = 'NOT_SUBMITTED' | 'SUBMITTED_TO_OPM' | 'BOARD_CONVENED' | 'APPROVED' | 'DISAPPROVED';

/** A QRB case as folded from its events: the workflow's query result and the auditor's replay. */
export interface QrbState {
  status: QrbStatus;
  caseId: string | null;
  policyVersion: string | null;
  ecqFramework: EcqFrameworkId | null;
  ecqs: string[];
  submission: QrbSubmission | null;
  submittedAt: string | null;
  board: QrbBoardMember[];
  convenedAt: string | null;
  votes: { memberId: string; ratings: Record<string, 'meets' | 'does-not-meet'>; comment?: string; castAt: string }[];
  remindersSent: { at: string; pendingMemberIds: string[] }[];
  decision: { outcome: 'APPROVED' | 'DISAPPROVED'; decidedAt: string; ecqResults: EcqResult[]; failingEcqs: string[] } | null;
}

export const initialQrbState: QrbState = {
  status: 'NOT_SUBMITTED',
  caseId: null,
  policyVersion: null,
  ecqFramework: null,
  ecqs: [],
  submission: null,
  submittedAt: null,
  board: [],
  convenedAt: null,
  votes: [],
  remindersSent: [],
  decision: null,
};

export const isQrbDecided = (state: QrbState): boolean => state.status === 'APPROVED' || state.status === 'DISAPPROVED';

/** Board members who have not voted yet, in board order. */
export const pendingVoters = (state: QrbState): string[] =>
  state.board.map((m) => m.id).filter((id) => !state.votes.some((v) => v.memberId === id));

export const qrbStreamName = (caseId: string): string => `qrb-${caseId}`;
