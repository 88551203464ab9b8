import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { QrbBoardAssignment, QrbState, QrbSubmission, QrbVote } from '../domain/qrb';
import type { Actor } from '../domain/roles';

/** The QRB workflow's contract with its clients: start input, query and updates. */
export interface QrbCaseInput {
  submission: QrbSubmission;
  /** Absent: the policy in force on the submission date. */
  policyVersion?: string;
}

export const qrbStatusQuery = defineQuery<QrbState>('qrbStatus');
export const conveneQrbBoardUpdate = defineUpdate<QrbState, [{ actor: Actor; assignment: QrbBoardAssignment }]>('conveneQrbBoard');
export const castQrbVoteUpdate = defineUpdate<QrbState, [{ actor: Actor; vote: QrbVote }]>('castQrbVote');
