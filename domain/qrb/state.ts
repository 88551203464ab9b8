import type { EcqFrameworkId } from '../ecqFrameworks';
import type { QrbAppointment, QrbBoardMember } from './commands';
import type { Evidence } from './evidence';
import type { EcqResult, QrbSubmissionOnRecord } from './events';

export type QrbStatus =
  | 'NOT_SUBMITTED'
  | 'SUBMITTED_TO_OPM'
  | 'BOARD_CONVENED'
  | 'ON_HOLD'
  | 'APPROVED'
  | 'DISAPPROVED'
  | 'APPOINTED'
  | 'WITHDRAWN'
  | 'RETURNED_UNDER_HOLD'
  | 'CLOSED';

type Decision = { outcome: 'APPROVED' | 'DISAPPROVED'; decidedAt: string; ecqResults: EcqResult[]; failingEcqs: string[] };
type Vote = { memberId: string; ratings: Record<string, 'meets' | 'does-not-meet'>; comment?: string; castAt: string };

/** A QRB case as folded from its events: the workflow's query result and the auditor's replay. */
export interface QrbState {
  status: QrbStatus;
  caseId: string | null;
  policyVersion: string | null;
  ecqFramework: EcqFrameworkId | null;
  ecqs: string[];
  submission: QrbSubmissionOnRecord | null;
  submittedAt: string | null;
  /** 1 for the first submission, 2 after a resubmission. */
  round: number;
  /** The evidence before the current board (revised on resubmission). */
  evidence: Evidence | null;
  board: QrbBoardMember[];
  convenedAt: string | null;
  votes: Vote[];
  remindersSent: { at: string; pendingMemberIds: string[] }[];
  decision: Decision | null;
  /** Last day a resubmission is taken after a disapproval; null when none remains. */
  resubmitBy: string | null;
  /** Earlier rounds, kept whole for the record. */
  previousRounds: { round: number; board: QrbBoardMember[]; votes: Vote[]; decision: Decision | null }[];
  /** An agency-head transition hold, with the status the case returns to on release. */
  hold: { since: string; by: string; reason: string; resumeStatus: QrbStatus } | null;
  appointment: QrbAppointment | null;
  /** How the case ended when it ended without an appointment. */
  closure: { status: 'WITHDRAWN' | 'RETURNED_UNDER_HOLD' | 'CLOSED'; at: string; by: string | null; reason: string } | null;
}

export const initialQrbState: QrbState = {
  status: 'NOT_SUBMITTED',
  caseId: null,
  policyVersion: null,
  ecqFramework: null,
  ecqs: [],
  submission: null,
  submittedAt: null,
  round: 1,
  evidence: null,
  board: [],
  convenedAt: null,
  votes: [],
  remindersSent: [],
  decision: null,
  resubmitBy: null,
  previousRounds: [],
  hold: null,
  appointment: null,
  closure: null,
};

/** The agency that owns the case, the position's: its days are the case's days. */
export const qrbAgency = (state: QrbState): string | null => state.submission?.position.agency ?? null;

/** The current round has a decision: no more votes. */
export const isQrbDecided = (state: QrbState): boolean => state.decision !== null;

/** No command changes the case any more. */
export const isQrbClosed = (state: QrbState): boolean =>
  state.status === 'APPOINTED' || state.status === 'WITHDRAWN' || state.status === 'RETURNED_UNDER_HOLD' || state.status === 'CLOSED';

/** Board members who have not voted yet, in board order. */
export const pendingVoters = (state: QrbState): string[] => state.board.map((m) => m.id).filter((id) => !state.votes.some((v) => v.memberId === id));

export const qrbStreamName = (caseId: string): string => `qrb-${caseId}`;
