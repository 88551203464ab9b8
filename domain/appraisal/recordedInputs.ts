import { notAPersonInput, personCommands, type RecordedInputEvent } from '../recordedInputs';
import type { AppraisalCommand } from './commands';
import { parseAppraisalEvent } from './events';

/** The commands people sent to an appraisal, rebuilt from its stream; the start carries the pinned policy version. */
export const appraisalRecordedInputs = (events: readonly RecordedInputEvent[]): AppraisalCommand[] =>
  personCommands(events, parseAppraisalEvent, (event, actor): AppraisalCommand => {
    const at = event.occurredAt;
    switch (event.type) {
      case 'AppraisalStarted':
        return { type: 'StartAppraisal', at, actor, start: event.data.start, policyVersion: event.data.policyVersion };
      case 'AppraisalPlanCommunicated':
        return { type: 'CommunicatePlan', at, actor, elements: event.data.elements, communicatedOn: event.data.communicatedOn };
      case 'AppraisalProgressReviewRecorded':
        return { type: 'RecordProgressReview', at, actor, heldOn: event.data.heldOn, summary: event.data.summary };
      case 'AppraisalNewAdministrationRecorded':
        return { type: 'RecordNewAdministration', at, actor, beganOn: event.data.beganOn };
      case 'AppraisalInitialRatingIssued':
        return { type: 'IssueInitialRating', at, actor, level: event.data.level, narrative: event.data.narrative };
      case 'AppraisalExecutiveResponded':
        return { type: 'RespondToInitialRating', at, actor, response: event.data.response, requestHigherLevelReview: event.data.higherLevelReviewRequested };
      case 'AppraisalHigherLevelReviewCompleted':
        return { type: 'SubmitHigherLevelReview', at, actor, recommendedLevel: event.data.recommendedLevel, recommendation: event.data.recommendation };
      case 'AppraisalPrbConvened':
        return { type: 'ConvenePrb', at, actor, panelId: event.data.panelId, members: event.data.members };
      case 'AppraisalPrbRecommended':
        return { type: 'SubmitPrbRecommendation', at, actor, recommendedLevel: event.data.recommendedLevel, recommendation: event.data.recommendation };
      case 'AppraisalFinalRatingIssued':
        return { type: 'IssueFinalRating', at, actor, level: event.data.level, reasons: event.data.reasons };
      case 'AppraisalUnsatisfactoryDecisionMade':
        return {
          type: 'DecideAfterUnsatisfactoryRating',
          at,
          actor,
          decision: event.data.decision,
          reason: event.data.reason,
          ...(event.data.reassignment === undefined ? {} : { reassignment: event.data.reassignment }),
        };
      case 'AppraisalRemovalNoticeIssued':
        return { type: 'IssueRemovalNotice', at, actor, noticeDate: event.data.noticeDate, effectiveDate: event.data.effectiveDate, basis: event.data.basis };
      case 'AppraisalInformalHearingRequested':
        return { type: 'RequestInformalHearing', at, actor, requestedOn: event.data.requestedOn };
      case 'AppraisalCancelled':
        return { type: 'CancelAppraisal', at, actor, reason: event.data.reason };
      default:
        throw notAPersonInput(event.type, actor);
    }
  });
