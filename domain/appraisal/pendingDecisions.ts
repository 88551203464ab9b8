import type { PendingDecision } from '../pendingDecision';
import { levelName } from './rules';
import type { AppraisalState } from './state';
import { progressReviewDueOn } from './timers';

/**
 * Who must act next on an appraisal, from its state alone: the supervisor's plan, progress review and initial
 * rating; the executive's response (and, on a noticed removal, the hearing request); a higher-level reviewer; HR
 * convening the PRB; the panel's recommendation; the appointing authority's final rating and what follows an
 * unsatisfactory one. Deadlines the rules leave to the agency ([U]) are null.
 */
export const pendingAppraisalDecisions = (state: AppraisalState): PendingDecision[] => {
  const period = state.period;
  if (period === null) return [];
  const of = `the ${period.cycle} appraisal of ${state.executiveId}`;
  switch (state.status) {
    case 'PLAN_DRAFT':
    case 'PLAN_OVERDUE':
      return [
        {
          action: 'CommunicatePlan',
          assigneeId: state.supervisorId,
          assigneeRole: 'supervisor',
          dueOn: period.appraisedFrom,
          note: `communicate the performance plan for ${of} on or before ${period.appraisedFrom}, when the appraisal begins`,
        },
      ];
    case 'IN_PERIOD':
      return state.progressReviews.length > 0
        ? []
        : [
            {
              action: 'RecordProgressReview',
              assigneeId: state.supervisorId,
              assigneeRole: 'supervisor',
              dueOn: progressReviewDueOn(state),
              note: `hold a progress review in ${of}; at least one comes before the rating, the period ends ${period.end}`,
            },
          ];
    case 'RATING_DUE':
      return [
        state.progressReviews.length > 0
          ? {
              action: 'IssueInitialRating',
              assigneeId: state.supervisorId,
              assigneeRole: 'supervisor',
              dueOn: null,
              note: `give the initial summary rating in ${of}`,
            }
          : {
              action: 'RecordProgressReview',
              assigneeId: state.supervisorId,
              assigneeRole: 'supervisor',
              dueOn: null,
              note: `record the progress review held during ${of} (${period.appraisedFrom} to ${period.end}); the rating waits for it`,
            },
      ];
    case 'INITIAL_RATING_ISSUED':
      return [
        {
          action: 'RespondToInitialRating',
          assigneeId: state.executiveId,
          assigneeRole: 'executive',
          dueOn: state.initialRating!.responseDueOn,
          note: `respond in writing to the initial rating ${levelName(state.initialRating!.level)}, and ask for a higher-level review if you wish`,
        },
      ];
    case 'HIGHER_LEVEL_REVIEW':
      return [
        {
          action: 'SubmitHigherLevelReview',
          assigneeId: null,
          assigneeRole: 'supervisor',
          dueOn: null,
          note: `review the initial rating in ${of} at the executive's request and recommend to the PRB; the rating stays the supervisor's`,
        },
      ];
    case 'AWAITING_PRB':
      return [{ action: 'ConvenePrb', assigneeId: null, assigneeRole: 'hr-specialist', dueOn: null, note: `convene the PRB panel that reviews ${of}` }];
    case 'PRB_REVIEW':
      return state.prb!.members.map((m) => ({
        action: 'SubmitPrbRecommendation',
        assigneeId: m.id,
        assigneeRole: 'supervisor' as const,
        dueOn: null,
        note: `panel ${state.prb!.panelId}: the board's written recommendation on ${of} (any one member writes it)`,
      }));
    case 'PRB_RECOMMENDED':
      return [
        {
          action: 'IssueFinalRating',
          assigneeId: state.appointingAuthorityId,
          assigneeRole: 'appointing-authority',
          dueOn: null,
          note: `issue the final rating in ${of}; the PRB recommends ${levelName(state.prb!.recommendation!.level)}`,
        },
      ];
    case 'DECISION_REQUIRED':
      return [
        {
          action: 'DecideAfterUnsatisfactoryRating',
          assigneeId: state.appointingAuthorityId,
          assigneeRole: 'appointing-authority',
          dueOn: null,
          note: `the final rating in ${of} is unsatisfactory: reassign or transfer within the SES, or remove (5 U.S.C. 4314(b)(3))`,
        },
      ];
    case 'REMOVAL_NOTICE_DUE':
      return [
        {
          action: 'IssueRemovalNotice',
          assigneeId: state.appointingAuthorityId,
          assigneeRole: 'appointing-authority',
          dueOn: null,
          note: state.consequences.mandatoryRemoval
            ? `removal from the SES is mandatory after ${of} (${state.consequences.mandatoryRemoval.basis}): written notice at least 30 days before it takes effect`
            : `you decided to remove after ${of}: written notice at least 30 days before it takes effect`,
        },
      ];
    case 'REMOVAL_NOTICED': {
      const notice = state.consequences.removalNotice!;
      return state.consequences.hearingRequestedOn
        ? []
        : [
            {
              action: 'RequestInformalHearing',
              assigneeId: state.executiveId,
              assigneeRole: 'executive',
              dueOn: notice.hearingRequestBy,
              note: `you may ask for an informal MSPB hearing by ${notice.hearingRequestBy}; the removal takes effect ${notice.effectiveDate} either way`,
            },
          ];
    }
    default:
      return [];
  }
};
