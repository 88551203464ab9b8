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
      };
  }
};
