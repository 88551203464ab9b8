import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { z } from 'zod';
import type {
  AgencyHeadTransition,
  QrbAppointment,
  QrbBoardAssignment,
  QrbResubmission,
  QrbState,
  QrbSubmission,
  QrbVote,
  QrbWithdrawalSchema,
} from '../domain/qrb';
import type { RevisionPrecondition } from '../domain/revisionPrecondition';
import type { Actor } from '../domain/roles';

/** The QRB workflow's contract with its clients: start input, query and updates. */
export interface QrbCaseInput {
  submission: QrbSubmission;
  /** Absent: the policy in force on the submission date. */
  policyVersion?: string;
}

export const qrbStatusQuery = defineQuery<QrbState>('qrbStatus');
export const conveneQrbBoardUpdate = defineUpdate<QrbState, [{ actor: Actor; assignment: QrbBoardAssignment } & RevisionPrecondition]>('conveneQrbBoard');
export const castQrbVoteUpdate = defineUpdate<QrbState, [{ actor: Actor; vote: QrbVote } & RevisionPrecondition]>('castQrbVote');
export const resubmitQrbCaseUpdate = defineUpdate<QrbState, [{ actor: Actor; resubmission: QrbResubmission } & RevisionPrecondition]>('resubmitQrbCase');
export const withdrawQrbCaseUpdate = defineUpdate<QrbState, [{ actor: Actor; withdrawal: z.infer<typeof QrbWithdrawalSchema> } & RevisionPrecondition]>(
  'withdrawQrbCase',
);
export const recordQrbAppointmentUpdate = defineUpdate<QrbState, [{ actor: Actor; appointment: QrbAppointment } & RevisionPrecondition]>(
  'recordQrbAppointment',
);
/** OPM holds, releases or returns a pending case around an agency-head transition. */
export const handleAgencyHeadTransitionUpdate = defineUpdate<QrbState, [{ actor: Actor; transition: AgencyHeadTransition } & RevisionPrecondition]>(
  'handleAgencyHeadTransition',
);
/**
 * The transition as it was sent before it became an update: a signal cannot refuse, so a
 * refused one was acknowledged and lost. No client sends it; the workflow keeps its handler
 * so histories that hold one still replay.
 */
export const agencyHeadTransitionSignal = defineSignal<[{ actor: Actor; transition: AgencyHeadTransition }]>('agencyHeadTransition');
