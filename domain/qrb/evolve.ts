import { ecqsOf } from '../ecqFrameworks';
import type { QrbEvent } from './events';
import type { QrbState } from './state';

/** Folds one event into the state. Pure and total: events are facts, never refused. */
export const evolveQrb = (state: QrbState, event: QrbEvent): QrbState => {
  switch (event.type) {
    case 'QrbCaseSubmitted':
      return {
        ...state,
        status: 'SUBMITTED_TO_OPM',
        caseId: event.data.submission.caseId,
        policyVersion: event.data.policyVersion,
        ecqFramework: event.data.ecqFramework,
        ecqs: [...ecqsOf(event.data.ecqFramework)],
        submission: event.data.submission,
        submittedAt: event.occurredAt,
        evidence: event.data.submission.evidence,
      };
    case 'QrbBoardConvened':
      return { ...state, status: 'BOARD_CONVENED', board: event.data.members, convenedAt: event.occurredAt };
    case 'QrbVoteCast': {
      const { comment, ...vote } = event.data;
      return {
        ...state,
        votes: [...state.votes, { ...vote, ...(comment === undefined ? {} : { comment }), castAt: event.occurredAt }],
      };
    }
    case 'QrbVoteReminderSent':
      return {
        ...state,
        remindersSent: [...state.remindersSent, { at: event.occurredAt, pendingMemberIds: event.data.pendingMemberIds }],
      };
    case 'QrbCaseApproved':
      return {
        ...state,
        status: 'APPROVED',
        decision: { outcome: 'APPROVED', decidedAt: event.occurredAt, ecqResults: event.data.ecqResults, failingEcqs: [] },
      };
    case 'QrbCaseDisapproved':
      return {
        ...state,
        status: 'DISAPPROVED',
        decision: {
          outcome: 'DISAPPROVED',
          decidedAt: event.occurredAt,
          ecqResults: event.data.ecqResults,
          failingEcqs: event.data.failingEcqs,
        },
        resubmitBy: event.data.resubmitBy,
      };
    case 'QrbCaseResubmitted':
      return {
        ...state,
        status: 'SUBMITTED_TO_OPM',
        round: event.data.round,
        evidence: event.data.evidence,
        previousRounds: [...state.previousRounds, { round: state.round, board: state.board, votes: state.votes, decision: state.decision }],
        board: [],
        convenedAt: null,
        votes: [],
        remindersSent: [],
        decision: null,
        resubmitBy: null,
      };
    case 'QrbCasePlacedOnHold':
      return { ...state, status: 'ON_HOLD', hold: { since: event.occurredAt, by: event.data.by, reason: event.data.reason, resumeStatus: state.status } };
    case 'QrbHoldReleased':
      return { ...state, status: state.hold?.resumeStatus ?? state.status, hold: null };
    case 'QrbCaseReturnedUnderHold':
      return {
        ...state,
        status: 'RETURNED_UNDER_HOLD',
        closure: { status: 'RETURNED_UNDER_HOLD', at: event.occurredAt, by: event.data.by, reason: event.data.reason },
      };
    case 'QrbCaseWithdrawn':
      return {
        ...state,
        status: 'WITHDRAWN',
        hold: null,
        closure: { status: 'WITHDRAWN', at: event.occurredAt, by: event.data.withdrawnBy, reason: event.data.reason },
      };
    case 'QrbAppointmentRecorded':
      return { ...state, status: 'APPOINTED', appointment: event.data.appointment };
    case 'QrbCaseClosed':
      return { ...state, status: 'CLOSED', resubmitBy: null, closure: { status: 'CLOSED', at: event.occurredAt, by: null, reason: event.data.reason } };
  }
};
