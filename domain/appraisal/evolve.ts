import type { AppraisalEvent } from './events';
import type { AppraisalState } from './state';

/** Folds one event into the state. Pure and total: events are facts, never refused. */
export const evolveAppraisal = (state: AppraisalState, event: AppraisalEvent): AppraisalState => {
  const at = event.occurredAt;
  const consequences = state.consequences;
  switch (event.type) {
    case 'AppraisalStarted': {
      const { start } = event.data;
      return {
        ...state,
        status: 'PLAN_DRAFT',
        caseId: start.caseId,
        policyVersion: event.data.policyVersion,
        start,
        startedAt: at,
        agency: start.agency,
        executiveId: start.executiveId,
        appointmentType: start.appointmentType,
        period: {
          cycle: start.period.cycle,
          start: start.period.start,
          end: event.data.periodEnd,
          originalEnd: event.data.periodEnd,
          appraisedFrom: event.data.appraisedFrom,
          extended: null,
        },
        supervisorId: start.supervisorId,
        appointingAuthorityId: start.appointingAuthorityId,
        supervisorOf: start.supervisorOf ?? [],
        priorFinalRatings: start.priorFinalRatings ?? [],
      };
    }
    case 'AppraisalPlanCommunicated':
      return { ...state, status: 'IN_PERIOD', plan: { ...event.data, at } };
    case 'AppraisalPlanReminderSent':
      return {
        ...state,
        status: event.data.overdue ? 'PLAN_OVERDUE' : state.status,
        planReminders: [...state.planReminders, { dueOn: event.data.dueOn, overdue: event.data.overdue, at }],
      };
    case 'AppraisalProgressReviewRecorded':
      return { ...state, progressReviews: [...state.progressReviews, { ...event.data, at }] };
    case 'AppraisalProgressReviewReminderSent':
      return { ...state, progressReviewReminders: [...state.progressReviewReminders, { dueOn: event.data.dueOn, at }] };
    case 'AppraisalNewAdministrationRecorded':
      return { ...state, administration: { beganOn: event.data.beganOn, freezeUntil: event.data.freezeUntil } };
    case 'AppraisalPeriodExtended': {
      const { previousPeriodEnd, periodEnd, daysUnderPlan, minimumPeriodDays } = event.data;
      return { ...state, period: { ...state.period!, end: periodEnd, extended: { previousEnd: previousPeriodEnd, daysUnderPlan, minimumPeriodDays } } };
    }
    case 'AppraisalPeriodEnded':
      return { ...state, status: 'RATING_DUE', daysUnderPlan: event.data.daysUnderPlan };
    case 'AppraisalInitialRatingIssued':
      return { ...state, status: 'INITIAL_RATING_ISSUED', initialRating: { ...event.data, at } };
    case 'AppraisalExecutiveResponded': {
      const requested = event.data.higherLevelReviewRequested;
      return {
        ...state,
        status: requested ? 'HIGHER_LEVEL_REVIEW' : 'AWAITING_PRB',
        response: { executiveId: event.data.executiveId, text: event.data.response, at },
        higherLevelReview: requested ? { requested: true, requestedAt: at, recommendation: null } : null,
      };
    }
    case 'AppraisalResponseWindowClosed':
      return { ...state, status: 'AWAITING_PRB' };
    case 'AppraisalHigherLevelReviewCompleted': {
      const { reviewerId, recommendedLevel, recommendation } = event.data;
      return {
        ...state,
        status: 'AWAITING_PRB',
        higherLevelReview: { ...state.higherLevelReview!, recommendation: { reviewerId, level: recommendedLevel, text: recommendation, at } },
      };
    }
    case 'AppraisalPrbConvened':
      return { ...state, status: 'PRB_REVIEW', prb: { ...event.data, convenedAt: at, recommendation: null } };
    case 'AppraisalPrbRecommended': {
      const { writtenBy, recommendedLevel, recommendation } = event.data;
      return {
        ...state,
        status: 'PRB_RECOMMENDED',
        prb: { ...state.prb!, recommendation: { writtenBy, level: recommendedLevel, text: recommendation, at } },
      };
    }
    case 'AppraisalFinalRatingIssued': {
      const { appointingAuthorityId, level, reasons, issuedOn } = event.data;
      return { ...state, status: 'COMPLETED', finalRating: { appointingAuthorityId, level: level, reasons, issuedOn, at } };
    }
    case 'AppraisalUnsatisfactoryDecisionRequired':
      return { ...state, status: 'DECISION_REQUIRED', consequences: { ...consequences, decisionRequired: { options: event.data.options, at } } };
    case 'AppraisalMandatoryRemovalRequired':
      return { ...state, status: 'REMOVAL_NOTICE_DUE', consequences: { ...consequences, mandatoryRemoval: { ...event.data, at } } };
    case 'AppraisalUnsatisfactoryDecisionMade':
      return {
        ...state,
        status: event.data.decision === 'remove' ? 'REMOVAL_NOTICE_DUE' : 'COMPLETED',
        consequences: { ...consequences, decision: { ...event.data, at } },
      };
    case 'AppraisalRemovalNoticeIssued':
      return { ...state, status: 'REMOVAL_NOTICED', consequences: { ...consequences, removalNotice: { ...event.data, at } } };
    case 'AppraisalInformalHearingRequested':
      return { ...state, consequences: { ...consequences, hearingRequestedOn: event.data.requestedOn } };
    case 'AppraisalExecutiveRemoved':
      return { ...state, status: 'REMOVED', consequences: { ...consequences, removedOn: event.data.effectiveDate } };
    case 'AppraisalCancelled':
      return { ...state, status: 'CANCELLED', cancelled: { by: event.data.cancelledBy, reason: event.data.reason, at } };
  }
};
